// @ts-check

/**
 * The Planner's state. Times are epoch milliseconds (bigint) so that SQLite
 * and PostgreSQL compare them the same way.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('planner_workflows', table => {
    table.comment('A request turned into a graph of tasks');
    table.string('id', 36).primary();
    table.string('definition').notNullable();
    table.string('title').notNullable();
    table.string('status', 16).notNullable();
    table.text('parameters').notNullable();
    table.string('entity_ref').nullable();
    table.string('entity_owner_ref').nullable();
    table.string('requested_by').notNullable();
    table.string('idempotency_key', 200).nullable().unique();
    table.string('plan_source', 16).notNullable();
    table.text('error').nullable();
    // Counters kept in the same transactions as the task changes they count.
    table.integer('tasks_total').notNullable();
    table.integer('tasks_succeeded').notNullable().defaultTo(0);
    table.integer('tasks_failed').notNullable().defaultTo(0);
    table.integer('tasks_running').notNullable().defaultTo(0);
    // Per-workflow event sequence: incrementing it locks the workflow row,
    // which orders event writers per workflow.
    table.integer('last_event_seq').notNullable().defaultTo(0);
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table.index(['entity_ref', 'created_at'], 'planner_workflows_entity_idx');
    table.index(['status', 'created_at'], 'planner_workflows_status_idx');
    table.index(['created_at'], 'planner_workflows_created_idx');
  });

  await knex.schema.createTable('planner_tasks', table => {
    table.comment(
      'One node of a workflow graph, claimed by workers under a lease',
    );
    table.string('id', 36).primary();
    table
      .string('workflow_id', 36)
      .notNullable()
      .references('id')
      .inTable('planner_workflows')
      .onDelete('CASCADE');
    table.string('key').notNullable();
    table.string('type').notNullable();
    table.string('title').notNullable();
    table.text('params').notNullable();
    table.text('depends_on').notNullable();
    // Keys of the tasks that depend on this one, so completing it updates
    // exactly those (their deps_remaining counts down to ready).
    table.text('dependents').notNullable();
    table.integer('deps_remaining').notNullable();
    table.integer('position').notNullable();
    table.string('status', 16).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('max_attempts').notNullable();
    table.bigInteger('run_after').notNullable();
    table.string('lease_owner').nullable();
    table.bigInteger('lease_expires_at').nullable();
    table.boolean('cancel_requested').notNullable().defaultTo(false);
    table.text('output').nullable();
    table.text('last_error').nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('finished_at').nullable();
    table.unique(['workflow_id', 'key'], {
      indexName: 'planner_tasks_workflow_key_uniq',
    });
    // The claim query: ready tasks whose backoff has passed, oldest first.
    table.index(['status', 'run_after'], 'planner_tasks_claim_idx');
    // The reaper: running tasks whose lease has expired.
    table.index(['status', 'lease_expires_at'], 'planner_tasks_lease_idx');
  });

  await knex.schema.createTable('planner_task_attempts', table => {
    table.comment('One run of a task by one worker');
    table.string('id', 36).primary();
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('planner_tasks')
      .onDelete('CASCADE');
    table.string('workflow_id', 36).notNullable();
    table.integer('attempt').notNullable();
    table.string('worker').notNullable();
    table.string('status', 16).notNullable();
    table.text('error').nullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
    // Each attempt runs on exactly one worker.
    table.unique(['task_id', 'attempt'], {
      indexName: 'planner_task_attempts_task_attempt_uniq',
    });
    table.index(['workflow_id'], 'planner_task_attempts_workflow_idx');
  });

  await knex.schema.createTable('planner_events', table => {
    table.comment('Every state change of a workflow, in order');
    table.bigIncrements('id').primary();
    table
      .string('workflow_id', 36)
      .notNullable()
      .references('id')
      .inTable('planner_workflows')
      .onDelete('CASCADE');
    table.integer('seq').notNullable();
    table.string('type', 32).notNullable();
    table.string('task_key').nullable();
    table.text('message').nullable();
    table.text('data').nullable();
    table.bigInteger('created_at').notNullable();
    table.unique(['workflow_id', 'seq'], {
      indexName: 'planner_events_workflow_seq_uniq',
    });
  });

  await knex.schema.createTable('planner_dead_letters', table => {
    table.comment('Tasks that ran out of attempts, with their last error');
    table.string('id', 36).primary();
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('planner_tasks')
      .onDelete('CASCADE');
    table.string('workflow_id', 36).notNullable();
    table.string('task_key').notNullable();
    table.string('type').notNullable();
    table.text('error').notNullable();
    table.integer('attempts').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('replayed_at').nullable();
    table.string('replayed_by').nullable();
    table.index(['workflow_id'], 'planner_dead_letters_workflow_idx');
    table.index(['replayed_at', 'created_at'], 'planner_dead_letters_open_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('planner_dead_letters');
  await knex.schema.dropTable('planner_events');
  await knex.schema.dropTable('planner_task_attempts');
  await knex.schema.dropTable('planner_tasks');
  await knex.schema.dropTable('planner_workflows');
};
