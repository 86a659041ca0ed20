import { mockCredentials } from '@backstage/backend-test-utils';
import { MergeRequestRef } from '@agentic-devops/plugin-policy-node';
import request from 'supertest';
import { riskyChanges } from '../__testUtils__/fixtures';
import { startTestPolicyAgent } from '../__testUtils__/startTestPolicyAgent';
import { POLICY_NOTE_MARKER } from '../mergeRequests/renderNote';

jest.setTimeout(60_000);

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

const mergeRequest = (headSha: string): MergeRequestRef => ({
  source: 'gitlab',
  project: 'payments/checkout',
  number: 42,
  headSha,
  sourceBranch: 'feature/installer',
  targetBranch: 'main',
  webUrl: 'https://gitlab.example.com/payments/checkout/-/merge_requests/42',
  title: 'Install the vendor agent',
});

describe('the Policy agent on a merge request, with a waiver approved by an owner', () => {
  let agent: Awaited<ReturnType<typeof startTestPolicyAgent>>;
  const api = () => request(agent.backend.server);

  beforeAll(async () => {
    agent = await startTestPolicyAgent();
  });
  afterAll(() => agent.backend.stop());

  it('gates the merge request, and passes the next head once the owner waives the secret', async () => {
    const { source } = agent;
    // The source module was subscribed at start-up, through the extension point.
    expect(source.intake).toBeDefined();
    source.files.set('head-1', riskyChanges);
    source.files.set('head-2', riskyChanges);

    // The same webhook delivered twice: one scan, one note written twice.
    await source.intake!.review(mergeRequest('head-1'));
    await source.intake!.review(mergeRequest('head-1'));
    const scans = await api()
      .get('/api/policy/scans')
      .query({ entityRef: 'component:default/checkout' })
      .set('Authorization', alice);
    expect(scans.body.totalCount).toBe(1);
    const [first] = scans.body.items;
    expect(first).toMatchObject({
      trigger: 'merge_request',
      target: 'payments/checkout',
      commitSha: 'head-1',
      mergeRequestUrl: mergeRequest('head-1').webUrl,
    });
    expect(source.changedFileRequests).toEqual(['head-1']);
    expect(source.noteWrites.map(n => [n.number, n.marker])).toEqual([
      [42, POLICY_NOTE_MARKER],
      [42, POLICY_NOTE_MARKER],
    ]);
    expect(source.noteWrites[0].body).toBe(source.noteWrites[1].body);
    expect(source.noteWrites[0].body).toContain('### Policy check failed');
    expect(source.statusOf('head-1')).toMatchObject({
      name: 'agentic/policy',
      state: 'failed',
      description: '1 finding at critical or above',
      targetUrl: 'http://portal.example.com/agentic/policy',
    });

    // alice asks for a waiver of the test token; bob, who owns nothing, cannot approve it.
    const secret = first.findings.find(
      (f: any) => f.ruleId === 'hardcoded-secret',
    );
    const requested = await api()
      .post('/api/policy/waivers')
      .set('Authorization', alice)
      .send({
        ruleId: 'hardcoded-secret',
        entityRef: 'component:default/checkout',
        resourcePattern: 'app/settings.py:*',
        reason: 'A token for the test instance, revoked and rotated already',
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
    expect(requested.status).toBe(201);
    expect(secret.resource).toMatch(/^app\/settings.py:/);
    const id = requested.body.id;
    const refused = await api()
      .post(`/api/policy/waivers/${id}/approve`)
      .set('Authorization', bob)
      .send({});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(
      /Only the owners of component:default\/checkout/,
    );
    const approved = await api()
      .post(`/api/policy/waivers/${id}/approve`)
      .set('Authorization', alice)
      .send({});
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: 'user:default/alice',
    });

    // A new push: the secret is waived, the gate passes, the note is the same one.
    await source.intake!.review(mergeRequest('head-2'));
    const latest = await api()
      .get('/api/policy/scans')
      .query({ entityRef: 'component:default/checkout', limit: 1 })
      .set('Authorization', alice);
    const [second] = latest.body.items;
    expect(second.commitSha).toBe('head-2');
    expect(
      second.findings.map((f: any) => [f.ruleId, f.waiverId ?? null]),
    ).toEqual([
      ['hardcoded-secret', id],
      ['docker-curl-pipe-shell', null],
    ]);
    expect(second.summary.bySeverity).toEqual({
      critical: 0,
      high: 1,
      medium: 0,
      low: 0,
    });
    expect(source.statusOf('head-2')).toMatchObject({
      state: 'success',
      description: 'No open findings at critical or above (1 waived)',
    });
    expect(source.notes.get(42)!.size).toBe(1);
    const note = source.notes.get(42)!.get(POLICY_NOTE_MARKER)!;
    expect(note).toContain('### Policy check passed');
    expect(note).toContain(
      `#### Waived\n\n- \`hardcoded-secret\` on \`${secret.resource}\``,
    );
    const waivers = await api()
      .get('/api/policy/waivers')
      .query({ entityRef: 'component:default/checkout' })
      .set('Authorization', alice);
    expect(waivers.body.items).toEqual([
      expect.objectContaining({ id, status: 'approved', uses: 1 }),
    ]);
  });
});
