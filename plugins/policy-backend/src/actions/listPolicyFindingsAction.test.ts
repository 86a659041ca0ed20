import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { summarize } from '@agentic-devops/plugin-policy-common';
import { createTestPolicyService } from '../__testUtils__/createTestPolicyService';
import { registerPolicyActions } from './listPolicyFindingsAction';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const finding = (ruleId: string) => ({
  ruleId,
  severity: 'high' as const,
  file: 'Dockerfile',
  line: 1,
  resource: 'Dockerfile',
  message: 'm',
  remediation: 'r',
  frameworks: ['SOC 2'],
  status: 'violated' as const,
});

const report = (ruleId: string) => ({
  findings: [finding(ruleId)],
  summary: summarize({
    files: 1,
    resources: 1,
    findings: [finding(ruleId)],
    errors: [],
  }),
  errors: [],
});

describe('the list-policy-findings action', () => {
  it("gives the findings of the entity's latest full scan", async () => {
    const knex = await databases.init('SQLITE_3');
    let now = Date.parse('2026-12-01T10:00:00Z');
    const { policy } = await createTestPolicyService(knex, {
      now: () => now++,
    });
    const actions = actionsRegistryServiceMock({
      logger: mockServices.logger.mock(),
    });
    registerPolicyActions({ actionsRegistry: actions, policy });
    const invoke = (entityRef: string) =>
      actions.invoke({
        id: 'test:list-policy-findings',
        input: { entityRef },
        credentials: mockCredentials.user('user:default/alice'),
      });

    expect(await invoke('component:default/checkout')).toEqual({
      output: { scan: null, findings: [] },
    });
    const meta = {
      entityRef: 'component:default/checkout',
      target: '/src',
    };
    await policy.recordScan(report('old-rule'), { ...meta, trigger: 'api' });
    const full = await policy.recordScan(report('docker-latest-base'), {
      ...meta,
      trigger: 'scaffolder',
    });
    // A later merge request scan sees only changed files: not the entity's state.
    await policy.recordScan(report('k8s-privileged'), {
      ...meta,
      trigger: 'merge_request',
    });
    const { output } = (await invoke('component:default/checkout')) as any;
    expect(output.scan).toMatchObject({ id: full.id, target: '/src' });
    expect(output.findings.map((f: any) => f.ruleId)).toEqual([
      'docker-latest-base',
    ]);
  });
});
