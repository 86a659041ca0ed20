import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  PolicySource,
  policyMergeRequestSourcesExtensionPoint,
  policySourcesExtensionPoint,
} from '@agentic-devops/plugin-policy-node';
import request from 'supertest';
import policyPlugin from '.';
import { FakeMergeRequestSource } from './__testUtils__/FakeMergeRequestSource';
import { entities, POLICIES_DIR } from './__testUtils__/fixtures';

jest.setTimeout(30_000);

/** A module's source: flags every Dockerfile. */
const extraSource: PolicySource = {
  id: 'extra',
  async evaluate(resources) {
    return {
      findings: resources
        .filter(r => r.kind === 'dockerfile')
        .map(r => ({
          ruleId: 'extra-dockerfile',
          severity: 'low' as const,
          file: r.file,
          line: r.line,
          resource: r.name,
          message: 'Seen by the extra source',
          remediation: 'None needed',
          frameworks: ['operations'],
          status: 'violated' as const,
        })),
      errors: [],
    };
  },
};

function start(
  policy: object,
  modules: ReturnType<typeof createBackendModule>[] = [],
) {
  return startTestBackend({
    features: [
      policyPlugin,
      ...modules,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: { policy: { rules: { directory: POLICIES_DIR }, ...policy } },
      }),
    ],
  });
}

describe('the policy plugin', () => {
  it('stops start-up on a configuration mistake, naming it', async () => {
    await expect(
      start({
        rules: {
          directory: POLICIES_DIR,
          overrides: { 'no-such-rule': { enabled: false } },
        },
      }),
    ).rejects.toThrow(/Policy configuration names rule no-such-rule/);
    await expect(
      start({
        rules: {
          directory: POLICIES_DIR,
          overrides: { 'docker-root-user': { severity: 'huge' } },
        },
      }),
    ).rejects.toThrow(/policy.rules.overrides.docker-root-user.severity/);
    await expect(start({ gate: { failOn: 'never' } })).rejects.toThrow(
      /policy.gate.failOn must be one of/,
    );
    await expect(
      start({ rules: { directory: '/nonexistent/policies' } }),
    ).rejects.toThrow(/\/nonexistent\/policies does not exist/);
  });

  it("scans with modules' sources too, and subscribes merge request sources once each", async () => {
    const one = new FakeMergeRequestSource();
    const backend = await start({}, [
      createBackendModule({
        pluginId: 'policy',
        moduleId: 'extras',
        register(env) {
          env.registerInit({
            deps: {
              sources: policySourcesExtensionPoint,
              mergeRequests: policyMergeRequestSourcesExtensionPoint,
            },
            async init({ sources, mergeRequests }) {
              sources.addSource(extraSource);
              mergeRequests.addMergeRequestSource(one);
            },
          });
        },
      }),
    ]);
    try {
      expect(one.intake).toBeDefined();
      one.files.set('s1', [
        { path: 'Dockerfile', content: 'FROM alpine:3.20\nUSER app\n' },
      ]);
      await one.intake!.review({
        source: 'gitlab',
        project: 'payments/checkout',
        number: 1,
        headSha: 's1',
        sourceBranch: 'x',
        targetBranch: 'main',
      });
      const scans = await request(backend.server)
        .get('/api/policy/scans')
        .set('Authorization', mockCredentials.user.header());
      expect(scans.body.items[0].findings.map((f: any) => f.ruleId)).toEqual([
        'extra-dockerfile',
      ]);
    } finally {
      await backend.stop();
    }
  });

  it('refuses two merge request sources with one id', async () => {
    await expect(
      start({}, [
        createBackendModule({
          pluginId: 'policy',
          moduleId: 'twice',
          register(env) {
            env.registerInit({
              deps: { mergeRequests: policyMergeRequestSourcesExtensionPoint },
              async init({ mergeRequests }) {
                mergeRequests.addMergeRequestSource(
                  new FakeMergeRequestSource(),
                );
                mergeRequests.addMergeRequestSource(
                  new FakeMergeRequestSource(),
                );
              },
            });
          },
        }),
      ]),
    ).rejects.toThrow(
      /merge request source with id 'gitlab' is already registered/,
    );
  });
});
