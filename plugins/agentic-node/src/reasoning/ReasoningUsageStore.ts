import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { TokenUsage } from './types';

/** How an LLM call ended: a valid answer, an invalid or rejected one, or no response. */
export type ReasoningCallOutcome = 'answered' | 'no-answer' | 'error';

/** One LLM call, as recorded. */
export interface ReasoningCall {
  purpose: string;
  model: string;
  usage: TokenUsage;
  durationMs: number;
  outcome: ReasoningCallOutcome;
}

/**
 * Where the migrations of `agentic_reasoning_calls` live, and their own
 * bookkeeping table, so they never clash with the host plugin's
 * `knex_migrations`.
 */
export function reasoningMigrationsConfig(): Knex.MigratorConfig {
  return {
    directory: resolvePackagePath(
      '@agentic-devops/plugin-agentic-node',
      'migrations',
    ),
    tableName: 'agentic_reasoning_knex_migrations',
  };
}

/** Token use of the reasoning service: one row per LLM call, in the calling plugin's database. */
export class ReasoningUsageStore {
  readonly #knex: Knex;
  readonly #pluginId: string;

  static async create(options: {
    database: DatabaseService;
    pluginId: string;
  }): Promise<ReasoningUsageStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest(reasoningMigrationsConfig());
    }
    return new ReasoningUsageStore(knex, options.pluginId);
  }

  private constructor(knex: Knex, pluginId: string) {
    this.#knex = knex;
    this.#pluginId = pluginId;
  }

  async record(call: ReasoningCall): Promise<void> {
    await this.#knex('agentic_reasoning_calls').insert({
      id: randomUUID(),
      plugin_id: this.#pluginId,
      purpose: call.purpose,
      model: call.model,
      input_tokens: call.usage.inputTokens,
      output_tokens: call.usage.outputTokens,
      duration_ms: Math.round(call.durationMs),
      outcome: call.outcome,
    });
  }
}
