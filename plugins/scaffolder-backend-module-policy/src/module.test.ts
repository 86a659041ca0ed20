import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { writeTestPolicies } from './__testUtils__/testPolicies';
import { scaffolderModulePolicy } from './module';

const policiesDir = createMockDirectory();
const workspace = createMockDirectory({
  content: {
    Dockerfile: 'FROM node:20.17-alpine3.20\nCMD ["node", "index.js"]',
  },
});

async function actionsWith(config: object): Promise<TemplateAction[]> {
  const actions: TemplateAction[] = [];
  const backend = await startTestBackend({
    extensionPoints: [
      [
        scaffolderActionsExtensionPoint,
        { addActions: (...added: TemplateAction[]) => actions.push(...added) },
      ],
    ],
    features: [
      scaffolderModulePolicy,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  await backend.stop();
  return actions;
}

describe('scaffolderModulePolicy', () => {
  beforeAll(() => writeTestPolicies(policiesDir.path));

  it('registers agentic:policy:check with the rules of policy.rules.directory and their overrides', async () => {
    const actions = await actionsWith({
      policy: {
        rules: {
          directory: policiesDir.path,
          overrides: { 'docker-root-user': { severity: 'high' } },
        },
      },
    });
    expect(actions.map(a => a.id)).toEqual(['agentic:policy:check']);
    expect(actions[0].schema?.input).toMatchObject({
      type: 'object',
      properties: {
        path: { type: 'string' },
        failOn: { enum: ['critical', 'high', 'medium', 'low'] },
        entityRef: { type: 'string' },
      },
    });
    expect(actions[0].examples?.length).toBeGreaterThan(0);

    // docker-root-user is medium in its file; the override makes it high.
    const ctx = {
      ...createMockActionContext({
        input: { failOn: 'high' },
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    await expect(actions[0].handler(ctx)).rejects.toThrow(
      /1 finding at high or worse:\n- \[high\] docker-root-user Dockerfile:1: /,
    );
  });

  it('stops start-up on an override that the rules do not have, or a malformed one', async () => {
    await expect(
      actionsWith({
        policy: {
          rules: {
            directory: policiesDir.path,
            overrides: { 'no-such-rule': { enabled: false } },
          },
        },
      }),
    ).rejects.toThrow(/names rule no-such-rule/);
    await expect(
      actionsWith({
        policy: {
          rules: {
            directory: policiesDir.path,
            overrides: { 'docker-root-user': { severity: 'urgent' } },
          },
        },
      }),
    ).rejects.toThrow(
      /Invalid config: policy\.rules\.overrides\.docker-root-user\.severity: /,
    );
  });
});
