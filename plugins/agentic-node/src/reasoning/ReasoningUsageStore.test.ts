import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  reasoningMigrationsConfig,
  ReasoningUsageStore,
} from './ReasoningUsageStore';

describe('ReasoningUsageStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'migrates up and down on %s, in its own migrations table',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // The host plugin's own migrations, which ours must not touch.
      await knex.schema.createTable('knex_migrations', table => {
        table.increments('id');
        table.string('name');
      });
      await knex('knex_migrations').insert({ name: '20200101_host.js' });

      await ReasoningUsageStore.create({
        database: mockServices.database({ knex }),
        pluginId: 'host',
      });
      expect(await knex.schema.hasTable('agentic_reasoning_calls')).toBe(true);
      expect(
        await knex('agentic_reasoning_knex_migrations').pluck('name'),
      ).toEqual(['20261125100000_reasoning_calls.js']);
      expect(await knex('knex_migrations').pluck('name')).toEqual([
        '20200101_host.js',
      ]);

      await knex.migrate.rollback(reasoningMigrationsConfig(), true);
      expect(await knex.schema.hasTable('agentic_reasoning_calls')).toBe(false);
      expect(await knex.schema.hasTable('knex_migrations')).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a call on %s',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await ReasoningUsageStore.create({
        database: mockServices.database({ knex }),
        pluginId: 'planner',
      });

      await store.record({
        purpose: 'planner.plan',
        model: 'claude-fake-1',
        usage: { inputTokens: 1200, outputTokens: 80 },
        durationMs: 812.6,
        outcome: 'answered',
      });

      const rows = await knex('agentic_reasoning_calls').select();
      expect(rows).toEqual([
        expect.objectContaining({
          plugin_id: 'planner',
          purpose: 'planner.plan',
          model: 'claude-fake-1',
          input_tokens: 1200,
          output_tokens: 80,
          duration_ms: 813,
          outcome: 'answered',
        }),
      ]);
    },
  );

  it('leaves the schema alone when migrations are skipped', async () => {
    const knex = await databases.init('SQLITE_3');
    await ReasoningUsageStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
      pluginId: 'host',
    });
    expect(await knex.schema.hasTable('agentic_reasoning_calls')).toBe(false);
  });
});
