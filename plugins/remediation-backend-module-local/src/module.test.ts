import {
  RemediationSource,
  remediationSourcesExtensionPoint,
} from '@agentic-devops/plugin-remediation-node';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { remediationModuleLocal } from './module';

/** Stands in for the remediation backend: it provides the extension point. */
function remediationPlugin(sources: RemediationSource[]) {
  return createBackendPlugin({
    pluginId: 'remediation',
    register(env) {
      env.registerExtensionPoint(remediationSourcesExtensionPoint, {
        addSource: source => sources.push(source),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('remediationModuleLocal', () => {
  const mockDir = createMockDirectory();

  it('adds the local source to the remediation plugin', async () => {
    const sources: RemediationSource[] = [];
    const backend = await startTestBackend({
      features: [
        remediationPlugin(sources),
        remediationModuleLocal,
        mockServices.rootConfig.factory({
          data: {
            remediation: {
              local: {
                dataDirectory: mockDir.path,
                repositoryRoots: [mockDir.path],
                jobTimeoutSeconds: 600,
              },
            },
          },
        }),
      ],
    });

    expect(sources.map(s => s.id)).toEqual(['local']);
    // Configured roots apply: the working directory is not one of them.
    await expect(
      sources[0].runRepositoryPipeline!(process.cwd()),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await backend.stop();
  });

  it('adds nothing when disabled', async () => {
    const sources: RemediationSource[] = [];
    const backend = await startTestBackend({
      features: [
        remediationPlugin(sources),
        remediationModuleLocal,
        mockServices.rootConfig.factory({
          data: { remediation: { local: { enabled: false } } },
        }),
      ],
    });

    expect(sources).toEqual([]);
    await backend.stop();
  });
});
