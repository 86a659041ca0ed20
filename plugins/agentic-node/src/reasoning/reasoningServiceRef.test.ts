import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import {
  fakeApiKey,
  FakeMessagesApi,
  startFakeMessagesApi,
  toolAnswer,
} from './__testUtils__/fakeMessagesApi';
import { defaultClaudeModel } from './readReasoningConfig';
import { reasoningServiceRef } from './reasoningServiceRef';
import { ReasoningService } from './types';

/** Starts a backend with one plugin, `remediation`, and returns its reasoning service. */
async function reasoningServiceOf(
  config: JsonObject,
  extraFeatures: Parameters<typeof startTestBackend>[0]['features'] = [],
) {
  let captured: ReasoningService | undefined;
  const backend = await startTestBackend({
    features: [
      mockServices.rootConfig.factory({ data: config }),
      ...extraFeatures,
      createBackendPlugin({
        pluginId: 'remediation',
        register(env) {
          env.registerInit({
            deps: { reasoning: reasoningServiceRef },
            async init({ reasoning }) {
              captured = reasoning;
            },
          });
        },
      }),
    ],
  });
  return { backend, service: captured! };
}

describe('reasoningServiceRef', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let api: FakeMessagesApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('is the rules engine without an API key', async () => {
    const { backend, service } = await reasoningServiceOf({
      agentic: { reasoning: { anthropic: { apiKey: '' } } },
    });
    expect(service.engine).toBe('rules');
    await backend.stop();
  });

  it('is Claude with an API key, recording token use in the plugin database', async () => {
    api = await startFakeMessagesApi(() => toolAnswer({ cause: 'timeout' }));
    const knex = await databases.init('SQLITE_3');
    const { backend, service } = await reasoningServiceOf(
      {
        agentic: {
          reasoning: {
            anthropic: { apiKey: fakeApiKey, baseUrl: api.baseUrl },
          },
        },
      },
      [mockServices.database.factory({ knex })],
    );
    expect(service.engine).toBe('llm');
    expect(service.model).toBe(defaultClaudeModel);

    const result = await service.structured({
      purpose: 'remediation.diagnose',
      instructions: 'Say why the job failed.',
      input: 'npm ERR! code ETIMEDOUT',
      schema: z.object({ cause: z.string() }),
    });

    expect(result).toMatchObject({
      status: 'answered',
      answer: { cause: 'timeout' },
      source: 'llm',
    });
    expect(api.requests[0].body.model).toBe(defaultClaudeModel);
    expect(
      await knex('agentic_reasoning_calls').select('plugin_id', 'outcome'),
    ).toEqual([{ plugin_id: 'remediation', outcome: 'answered' }]);
    await backend.stop();
  });

  it('stops start-up on wrong settings, naming the key', async () => {
    await expect(
      reasoningServiceOf({
        agentic: { reasoning: { anthropic: { apiKey: 'k', timeoutMs: -1 } } },
      }),
    ).rejects.toThrow(/agentic\.reasoning\.anthropic\.timeoutMs/);
  });
});
