import {
  createMockDirectory,
  mockCredentials,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ScanReport, summarize } from '@agentic-devops/plugin-policy-common';
import { createTestPolicyService } from '../__testUtils__/createTestPolicyService';
import {
  curlPipeDockerfile,
  settingsWithSecret,
} from '../__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const DAY = 24 * 60 * 60_000;
const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const alice = { credentials: mockCredentials.user('user:default/alice') };
const bob = { credentials: mockCredentials.user('user:default/bob') };
const CHECKOUT = 'component:default/checkout';

const curlFinding = (resource = 'Dockerfile') => ({
  ruleId: 'docker-curl-pipe-shell',
  severity: 'high' as const,
  file: 'Dockerfile',
  line: 3,
  resource,
  message: 'A RUN pipes a download into a shell',
  remediation: 'Download, verify, then run',
  frameworks: ['SOC 2'],
  status: 'violated' as const,
});

function report(findings = [curlFinding()]): ScanReport {
  return {
    findings,
    summary: summarize({ files: 1, resources: 1, findings, errors: [] }),
    errors: [],
  };
}

const waiverRequest = (overrides: object = {}) => ({
  ruleId: 'docker-curl-pipe-shell',
  entityRef: 'checkout',
  resourcePattern: 'Docker*',
  reason: 'The vendor only ships an install script',
  expiresAt: new Date(T0 + 30 * DAY).toISOString(),
  ...overrides,
});

async function setup(
  options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const clock = { now: T0 };
  const env = await createTestPolicyService(knex, {
    now: () => clock.now,
    ...options,
  });
  return { ...env, clock };
}

describe('PolicyService', () => {
  it("applies the entity's approved, unexpired waivers, counting and auditing each use", async () => {
    const { policy, audit, clock } = await setup();
    const approved = await policy.requestWaiver(waiverRequest(), alice);
    await policy.approveWaiver(approved.id, alice);
    const pending = await policy.requestWaiver(
      waiverRequest({ resourcePattern: '*' }),
      alice,
    );
    const short = await policy.requestWaiver(
      waiverRequest({
        resourcePattern: 'web/*',
        expiresAt: new Date(T0 + DAY).toISOString(),
      }),
      alice,
    );
    await policy.approveWaiver(short.id, alice);
    audit.length = 0;
    clock.now = T0 + 2 * DAY;

    const scan = await policy.recordScan(
      report([
        curlFinding('Dockerfile'),
        curlFinding('Dockerfile.dev'),
        curlFinding('web/Dockerfile'),
      ]),
      { entityRef: 'Component:default/Checkout', trigger: 'api', target: '/x' },
      alice,
    );
    expect(scan.entityRef).toBe(CHECKOUT);
    expect(scan.findings.map(f => f.waiverId)).toEqual([
      approved.id,
      approved.id,
      undefined,
    ]);
    // The summary counts what is still open.
    expect(scan.summary).toMatchObject({
      findings: 1,
      bySeverity: { high: 1 },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        eventId: 'policy-waiver-use',
        outcome: 'success',
        meta: expect.objectContaining({
          waiverId: approved.id,
          scanId: scan.id,
          resource: 'Dockerfile',
          actor: 'user:default/alice',
        }),
      }),
      expect.objectContaining({
        eventId: 'policy-waiver-use',
        meta: expect.objectContaining({ resource: 'Dockerfile.dev' }),
      }),
    ]);
    const waivers = await policy.listWaivers({ entityRef: CHECKOUT }, alice);
    expect(
      Object.fromEntries(waivers.map(w => [w.id, [w.status, w.uses]])),
    ).toEqual({
      [approved.id]: ['approved', 2],
      [pending.id]: ['pending', 0],
      [short.id]: ['expired', 0],
    });

    // No entity, no waivers.
    const loose = await policy.recordScan(
      report(),
      { trigger: 'api', target: '/x' },
      alice,
    );
    expect(loose.findings[0].waiverId).toBeUndefined();
  });

  it('refuses reports and entities that are not right', async () => {
    const { policy } = await setup();
    await expect(
      policy.recordScan(
        { findings: [{ ruleId: 'x' }] } as any,
        { trigger: 'api', target: '/x' },
        alice,
      ),
    ).rejects.toThrow(/Invalid scan report: .*findings/);
    await expect(
      policy.recordScan(
        report(),
        { entityRef: 'component:default/nope', trigger: 'api', target: '/x' },
        alice,
      ),
    ).rejects.toThrow(/component:default\/nope is not in the catalog/);
  });

  it('scans a folder and records what it finds, paths relative to the folder', async () => {
    const { policy } = await setup();
    const dir = createMockDirectory({
      content: {
        Dockerfile: curlPipeDockerfile,
        'app/settings.py': settingsWithSecret,
      },
    });
    const scan = await policy.scanPath(
      dir.path,
      { entityRef: CHECKOUT, trigger: 'workflow' },
      alice,
    );
    expect(scan).toMatchObject({ target: dir.path, trigger: 'workflow' });
    expect(
      scan.findings.map(f => [f.severity, f.ruleId, f.file, f.line]),
    ).toEqual([
      ['critical', 'hardcoded-secret', 'app/settings.py', 4],
      ['high', 'docker-curl-pipe-shell', 'Dockerfile', 1],
    ]);
    expect(scan.findings[1].detail).toMatch(/^line 3: curl/);
    // Masked, never the secret itself.
    expect(JSON.stringify(scan)).not.toContain('glpat-Zx8cVb7nM6aSdF5gH4jK');
    await expect(
      policy.scanPath(dir.resolve('missing'), { trigger: 'workflow' }),
    ).rejects.toThrow(/missing does not exist/);
  });

  it('validates waiver requests, saying what is wrong', async () => {
    const { policy, audit } = await setup();
    const refused = (overrides: object) =>
      policy.requestWaiver(waiverRequest(overrides), alice);
    await expect(
      refused({ expiresAt: new Date(T0 - 1000).toISOString() }),
    ).rejects.toThrow(/expiresAt must be in the future/);
    await expect(
      refused({ expiresAt: new Date(T0 + 366 * DAY).toISOString() }),
    ).rejects.toThrow(/at most 365 days ahead \(policy.waivers.maxDays\)/);
    await expect(refused({ ruleId: 'no-such-rule' })).rejects.toThrow(
      /No enabled policy rule 'no-such-rule'/,
    );
    await expect(refused({ reason: 'because' })).rejects.toThrow(
      /say why, in a sentence/,
    );
    await expect(refused({ expiresAt: 'next week' })).rejects.toThrow(
      /expiresAt/,
    );
    await expect(
      refused({ entityRef: 'component:default/ghost' }),
    ).rejects.toThrow(/not in the catalog/);
    await expect(
      policy.requestWaiver(waiverRequest(), {
        credentials: mockCredentials.service(),
      }),
    ).rejects.toThrow(/Only a signed-in user/);

    const waiver = await refused({});
    expect(waiver).toMatchObject({
      entityRef: CHECKOUT,
      status: 'pending',
      requestedBy: 'user:default/alice',
      uses: 0,
    });
    expect(waiver).not.toHaveProperty('entityOwnerRef');
    expect(audit.filter(a => a.eventId === 'policy-waiver-request')).toEqual([
      expect.objectContaining({ outcome: 'fail' }),
      expect.objectContaining({ outcome: 'success' }),
    ]);
  });

  it("lets only the entity's owners decide, once", async () => {
    const { policy, audit } = await setup();
    const waiver = await policy.requestWaiver(waiverRequest(), bob);
    await expect(policy.approveWaiver(waiver.id, bob)).rejects.toThrow(
      'Only the owners of component:default/checkout (group:default/payments-team) can approve its waivers',
    );
    await expect(
      policy.rejectWaiver(waiver.id, {
        credentials: mockCredentials.service(),
      }),
    ).rejects.toThrow(/Only a signed-in user can reject/);
    await expect(policy.approveWaiver('nope', alice)).rejects.toThrow(
      /No policy waiver with id nope/,
    );
    const approved = await policy.approveWaiver(waiver.id, alice);
    expect(approved).toMatchObject({
      status: 'approved',
      decidedBy: 'user:default/alice',
      decidedAt: new Date(T0).toISOString(),
    });
    await expect(policy.rejectWaiver(waiver.id, alice)).rejects.toThrow(
      /is approved, not pending/,
    );
    expect(
      audit
        .filter(a => a.eventId.startsWith('policy-waiver-'))
        .map(a => [a.eventId, a.outcome]),
    ).toEqual([
      ['policy-waiver-request', 'success'],
      ['policy-waiver-approve', 'fail'],
      ['policy-waiver-reject', 'fail'],
      ['policy-waiver-approve', 'fail'],
      ['policy-waiver-approve', 'success'],
      ['policy-waiver-reject', 'fail'],
    ]);
  });

  it('lets nobody approve the waivers of an entity without an owner', async () => {
    const { policy } = await setup();
    const waiver = await policy.requestWaiver(
      waiverRequest({ entityRef: 'component:default/orphan' }),
      alice,
    );
    await expect(policy.approveWaiver(waiver.id, alice)).rejects.toThrow(
      /has no owner in the catalog, so nobody can approve its waivers/,
    );
  });

  it('marks waivers past their expiry, auditing each', async () => {
    const { policy, audit, clock } = await setup();
    const waiver = await policy.requestWaiver(
      waiverRequest({ expiresAt: new Date(T0 + DAY).toISOString() }),
      alice,
    );
    await policy.approveWaiver(waiver.id, alice);
    expect(await policy.expireWaivers()).toBe(0);
    clock.now = T0 + DAY + 1;
    expect(await policy.expireWaivers()).toBe(1);
    expect(await policy.expireWaivers()).toBe(0);
    expect(audit.at(-1)).toMatchObject({
      eventId: 'policy-waiver-expire',
      outcome: 'success',
      meta: { waiverId: waiver.id, actor: expect.stringMatching(/^plugin:/) },
    });
    expect(
      (await policy.listWaivers({ status: ['expired'] }, alice)).map(w => w.id),
    ).toEqual([waiver.id]);
  });

  it('needs the permissions', async () => {
    const { policy } = await setup({ permission: AuthorizeResult.DENY });
    await expect(policy.listScans({}, alice)).rejects.toThrow(
      /Not allowed to read policy scans \(agentic.policy.read\)/,
    );
    await expect(policy.requestWaiver(waiverRequest(), alice)).rejects.toThrow(
      /agentic.policy.waiver.request/,
    );
    await expect(
      policy.runEntityScan({ entityRef: CHECKOUT }, alice),
    ).rejects.toThrow(/agentic.policy.scan/);
    await expect(policy.report(alice)).rejects.toThrow(/agentic.policy.read/);
    // Services record reports without the user permission.
    await expect(
      policy.recordReport(
        { report: report(), trigger: 'scaffolder', target: 'template' },
        { credentials: mockCredentials.service('plugin:scaffolder') },
      ),
    ).resolves.toMatchObject({ trigger: 'scaffolder' });
    await expect(
      policy.recordReport(
        { report: report(), trigger: 'scaffolder', target: 'template' },
        alice,
      ),
    ).rejects.toThrow(/agentic.policy.scan/);
  });
});
