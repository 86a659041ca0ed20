import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { MergeRequestRef } from '@agentic-devops/plugin-policy-node';
import { createTestPolicyService } from '../__testUtils__/createTestPolicyService';
import { FakeMergeRequestSource } from '../__testUtils__/FakeMergeRequestSource';
import {
  cleanSettings,
  curlPipeDockerfile,
  entities,
  riskyChanges,
} from '../__testUtils__/fixtures';
import { PolicySettings } from '../settings';
import { MergeRequestGate, POLICY_STATUS_NAME } from './MergeRequestGate';
import { POLICY_NOTE_MARKER } from './renderNote';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const alice = { credentials: mockCredentials.user('user:default/alice') };

const mr = (overrides: Partial<MergeRequestRef> = {}): MergeRequestRef => ({
  source: 'gitlab',
  project: 'payments/checkout',
  number: 7,
  headSha: 'a1b2c3d4e5f6a7b8c9d0',
  sourceBranch: 'feature/install',
  targetBranch: 'main',
  webUrl: 'https://gitlab.example.com/payments/checkout/-/merge_requests/7',
  ...overrides,
});

async function setup(settings: Partial<PolicySettings> = {}) {
  const knex = await databases.init('SQLITE_3');
  const { policy, settings: all } = await createTestPolicyService(knex, {
    settings: { portalUrl: 'http://portal.example.com/', ...settings },
  });
  const source = new FakeMergeRequestSource();
  const gate = new MergeRequestGate({
    source,
    policy,
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    settings: all,
    logger: mockServices.logger.mock(),
  });
  return { policy, source, gate };
}

describe('MergeRequestGate', () => {
  it('scans the changed files, records the scan for the project, writes one note and fails the status on a critical finding', async () => {
    const { policy, source, gate } = await setup();
    source.files.set(mr().headSha, riskyChanges);
    await gate.review(mr());

    const { items } = await policy.listScans({}, alice);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      entityRef: 'component:default/checkout',
      trigger: 'merge_request',
      target: 'payments/checkout',
      commitSha: mr().headSha,
      mergeRequestUrl: mr().webUrl,
      summary: { files: 2, findings: 2, bySeverity: { critical: 1, high: 1 } },
    });
    expect(items[0].findings.map(f => [f.ruleId, f.file])).toEqual([
      ['hardcoded-secret', 'app/settings.py'],
      ['docker-curl-pipe-shell', 'Dockerfile'],
    ]);

    const note = source.notes.get(7)!.get(POLICY_NOTE_MARKER)!;
    expect(note.startsWith(POLICY_NOTE_MARKER)).toBe(true);
    expect(note).toContain('### Policy check failed');
    expect(note).toContain('**1 critical** · **1 high** · 0 medium · 0 low');
    expect(note).toMatch(
      /\| critical \| `app\/settings.py:4` \| `hardcoded-secret` \| `app\/settings.py:4` \| A secret is written into the file/,
    );
    // The curl command is quoted, its pipe escaped for the table.
    expect(note).toContain(
      'curl -fsSL https://get.example.com/install.sh \\| sh',
    );
    expect(note).not.toContain('glpat-Zx8cVb7nM6aSdF5gH4jK');
    expect(note).toContain('(http://portal.example.com/agentic/policy)');

    expect(source.statuses.map(s => s.state)).toEqual(['pending', 'failed']);
    expect(source.statusOf(mr().headSha)).toEqual({
      sha: mr().headSha,
      name: POLICY_STATUS_NAME,
      state: 'failed',
      description: '1 finding at critical or above',
      targetUrl: 'http://portal.example.com/agentic/policy',
    });
  });

  it('does not scan a head again, however often (or concurrently) it arrives', async () => {
    const { policy, source, gate } = await setup();
    source.files.set(mr().headSha, riskyChanges);
    await Promise.all([gate.review(mr()), gate.review(mr())]);
    const reads = source.changedFileRequests.length;
    await gate.review(mr());
    expect((await policy.listScans({}, alice)).totalCount).toBe(1);
    expect(source.noteWrites).toHaveLength(3);
    expect(new Set(source.noteWrites.map(n => n.body)).size).toBe(1);
    expect(source.notes.get(7)!.size).toBe(1);
    // The third delivery found the stored scan without reading the files.
    expect(source.changedFileRequests).toHaveLength(reads);
    expect(source.statusOf(mr().headSha)?.state).toBe('failed');
  });

  it('passes a new head without findings at the threshold, updating the same note', async () => {
    const { source, gate } = await setup();
    source.files.set(mr().headSha, riskyChanges);
    source.files.set('f00d', [
      { path: 'Dockerfile', content: curlPipeDockerfile },
      { path: 'app/settings.py', content: cleanSettings },
    ]);
    await gate.review(mr());
    await gate.review(mr({ headSha: 'f00d' }));
    expect(source.notes.get(7)!.size).toBe(1);
    const note = source.notes.get(7)!.get(POLICY_NOTE_MARKER)!;
    expect(note).toContain('### Policy check passed');
    expect(note).toContain('0 critical · **1 high**');
    expect(source.statusOf('f00d')).toMatchObject({
      state: 'success',
      description: 'No open findings at critical or above',
    });
  });

  it('fails the status, saying why, when the files cannot be read; a redelivery tries again', async () => {
    const { policy, source, gate } = await setup();
    await expect(gate.review(mr({ headSha: 'gone' }))).rejects.toThrow(
      'No files for head gone',
    );
    expect(source.statusOf('gone')).toMatchObject({
      state: 'failed',
      description: 'Could not scan: No files for head gone',
    });
    expect((await policy.listScans({}, alice)).totalCount).toBe(0);
    source.files.set('gone', [{ path: 'ok.py', content: 'x = 1\n' }]);
    await gate.review(mr({ headSha: 'gone' }));
    expect(source.statusOf('gone')?.state).toBe('success');
  });

  it('fails at the configured severity', async () => {
    const { source, gate } = await setup({ failOn: 'high' });
    source.files.set(mr().headSha, [
      { path: 'Dockerfile', content: curlPipeDockerfile },
    ]);
    await gate.review(mr());
    expect(source.statusOf(mr().headSha)).toMatchObject({
      state: 'failed',
      description: '1 finding at high or above',
    });
  });

  it('gates projects the catalog does not know, and reports files it would not write', async () => {
    const { policy, source, gate } = await setup();
    const other = mr({ project: 'elsewhere/tool', number: 3, headSha: 'beef' });
    source.files.set('beef', [
      { path: '../outside.py', content: 'x = 1\n' },
      { path: 'ok.py', content: 'x = 1\n' },
    ]);
    await gate.review(other);
    const [scan] = (await policy.listScans({}, alice)).items;
    expect(scan.entityRef).toBeUndefined();
    expect(scan.errors).toEqual([
      {
        file: '../outside.py',
        error: 'not a file path inside the repository; not scanned',
      },
    ]);
    expect(scan.summary).toMatchObject({ files: 1, errors: 1 });
    const note = source.notes.get(3)!.get(POLICY_NOTE_MARKER)!;
    expect(note).toContain('#### Not scanned');
    expect(note).toContain('- `../outside.py`: not a file path');
    expect(source.statusOf('beef')?.state).toBe('success');
  });
});
