import {
  PolicySource,
  policySourcesExtensionPoint,
} from '@agentic-devops/plugin-policy-node';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { policyModuleOpa } from './module';

async function sourcesWith(config: object): Promise<PolicySource[]> {
  const sources: PolicySource[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [policySourcesExtensionPoint, { addSource: s => sources.push(s) }],
    ],
    features: [
      policyModuleOpa,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  await backend.stop();
  return sources;
}

describe('policyModuleOpa', () => {
  it('adds the OPA source when policy.opa.baseUrl is configured', async () => {
    const sources = await sourcesWith({
      policy: { opa: { baseUrl: 'http://127.0.0.1:8181' } },
    });
    expect(sources.map(s => s.id)).toEqual(['opa']);
  });

  it('adds nothing without policy.opa.baseUrl', async () => {
    expect(await sourcesWith({})).toEqual([]);
    expect(await sourcesWith({ policy: { opa: {} } })).toEqual([]);
  });

  it('stops start-up on a wrong value', async () => {
    await expect(
      sourcesWith({ policy: { opa: { baseUrl: 'opa:8181' } } }),
    ).rejects.toThrow(/policy\.opa\.baseUrl must be an http\(s\) URL/);
  });
});
