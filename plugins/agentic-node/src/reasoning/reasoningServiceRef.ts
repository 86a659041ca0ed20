import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ClaudeReasoningService } from './ClaudeReasoningService';
import { readReasoningConfig } from './readReasoningConfig';
import { ReasoningUsageStore } from './ReasoningUsageStore';
import { RulesReasoningService } from './RulesReasoningService';
import { ReasoningService } from './types';

/**
 * The reasoning service of a plugin: Claude when
 * `agentic.reasoning.anthropic.apiKey` is set, the offline rules otherwise.
 * Token use is recorded in the plugin's own database.
 */
export const reasoningServiceRef = createServiceRef<ReasoningService>({
  id: 'agentic.reasoning',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        pluginMetadata: coreServices.pluginMetadata,
      },
      async factory({ config, logger, database, pluginMetadata }) {
        const anthropic = readReasoningConfig(config);
        if (!anthropic) {
          return new RulesReasoningService();
        }
        // Only the llm engine touches the database: a plugin on rules gets no table.
        const usageStore = await ReasoningUsageStore.create({
          database,
          pluginId: pluginMetadata.getId(),
        });
        return new ClaudeReasoningService({ ...anthropic, logger, usageStore });
      },
    }),
});
