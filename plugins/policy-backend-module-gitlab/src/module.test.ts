import {
  MergeRequestSource,
  policyMergeRequestSourcesExtensionPoint,
} from '@agentic-devops/plugin-policy-node';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { policyModuleGitlab } from './module';

async function sourcesWith(config: object): Promise<MergeRequestSource[]> {
  const sources: MergeRequestSource[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        policyMergeRequestSourcesExtensionPoint,
        { addMergeRequestSource: s => sources.push(s) },
      ],
    ],
    features: [
      policyModuleGitlab,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  await backend.stop();
  return sources;
}

describe('policyModuleGitlab', () => {
  it('adds the GitLab merge request source when an integration has a token', async () => {
    const sources = await sourcesWith({
      integrations: {
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
            token: 'glpat-token',
          },
        ],
      },
    });
    expect(sources.map(s => s.id)).toEqual(['gitlab']);
  });

  it('adds nothing without a GitLab integration (the embedded default)', async () => {
    expect(await sourcesWith({})).toEqual([]);
  });

  it('skips an integration without a token or with an API gitbeaker cannot use', async () => {
    const sources = await sourcesWith({
      integrations: {
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
          },
          {
            host: 'gitlab.other.example',
            apiBaseUrl: 'https://gitlab.other.example/gitlab-api',
            token: 'glpat-token',
          },
        ],
      },
    });
    expect(sources).toEqual([]);
  });
});
