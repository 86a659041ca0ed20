// @ts-check

/**
 * One row per LLM call of the reasoning service, in the calling plugin's
 * database: what it was for, which model, how many tokens, how long.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('agentic_reasoning_calls', table => {
    table.comment('LLM calls of the reasoning service and their token use');
    table.uuid('id').primary().notNullable();
    table
      .string('plugin_id')
      .notNullable()
      .comment('The plugin that made the call');
    table
      .string('purpose')
      .notNullable()
      .comment('What the call was for, e.g. remediation.diagnose');
    table.string('model').notNullable();
    table.integer('input_tokens').notNullable();
    table.integer('output_tokens').notNullable();
    table.integer('duration_ms').notNullable();
    table
      .string('outcome', 16)
      .notNullable()
      .comment('answered, no-answer or error');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.index(['created_at'], 'agentic_reasoning_calls_created_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('agentic_reasoning_calls');
};
