import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { scaffolderModuleAgentic } from './module';

jest.setTimeout(60_000);

describe('scaffolderModuleAgentic', () => {
  const repositories = createMockDirectory();

  it('installs the agentic actions, with their schemas and examples, in the list of installed actions', async () => {
    const backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleAgentic,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            scaffolder: { localPublish: { directory: repositories.path } },
          },
        }),
      ],
    });
    try {
      const response = await request(backend.server)
        .get('/api/scaffolder/v2/actions')
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      const actions = Object.fromEntries(
        (response.body as any[]).map(a => [a.id, a]),
      );
      const properties = (id: string, kind: 'input' | 'output') =>
        Object.keys(actions[id]?.schema?.[kind]?.properties ?? {}).sort();

      expect(properties('agentic:service:validate', 'input')).toEqual([
        'apiType',
        'database',
        'language',
        'name',
        'owner',
        'publish',
      ]);
      expect(properties('agentic:workflow:create', 'input')).toEqual([
        'definition',
        'entityRef',
        'idempotencyKey',
        'parameters',
        'passTemplateRun',
        'timeoutMinutes',
        'title',
        'wait',
        'waitForTasks',
      ]);
      expect(actions['agentic:workflow:create'].schema.input.required).toEqual([
        'definition',
      ]);
      expect(properties('agentic:workflow:create', 'output')).toEqual([
        'link',
        'status',
        'workflowId',
      ]);
      expect(properties('agentic:workflow:wait', 'input')).toEqual([
        'timeoutMinutes',
        'workflowId',
      ]);
      expect(properties('agentic:publish:local', 'output')).toEqual([
        'catalogInfoUrl',
        'commitHash',
        'remoteUrl',
        'repoContentsUrl',
        'repoPath',
      ]);
      for (const id of [
        'agentic:service:validate',
        'agentic:workflow:create',
        'agentic:workflow:wait',
        'agentic:publish:local',
      ]) {
        expect(actions[id].description).toEqual(expect.any(String));
        expect(actions[id].examples.length).toBeGreaterThan(0);
      }
      // Backstage's own actions are still there.
      expect(actions['catalog:register']).toBeDefined();
    } finally {
      await backend.stop();
    }
  });

  it('stops start-up on an empty repositories folder setting', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderPlugin,
          scaffolderModuleAgentic,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: { scaffolder: { localPublish: { directory: ' ' } } },
          }),
        ],
      }),
    ).rejects.toThrow(
      /Invalid config: scaffolder.localPublish.directory must not be empty/,
    );
  });
});
