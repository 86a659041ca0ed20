// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
// Times are epoch milliseconds, as in the Planner's tables.
exports.up = async function up(knex) {
  await knex.schema.createTable('remediations', table => {
    table.comment(
      'Failed CI jobs and what the Remediation agent did about them',
    );
    table.string('id', 36).primary();
    table.string('source', 16).notNullable();
    table.string('project', 512).notNullable();
    table.string('job_id', 128).notNullable();
    table.string('pipeline_id', 128).notNullable();
    table.string('job_name', 255).notNullable();
    table.string('ref', 255).notNullable();
    table.string('commit_sha', 64).nullable();
    table.text('job_url').nullable();
    table.text('pipeline_url').nullable();
    table.string('entity_ref', 255).nullable();
    table.string('entity_owner_ref', 255).nullable();
    table.string('status', 32).notNullable();
    table.string('category', 32).nullable();
    table.text('diagnosis').nullable().comment('JSON, redacted');
    table.text('log_tail').nullable().comment('JSON lines, redacted');
    table.string('fingerprint', 64).nullable();
    table.integer('attempt').notNullable().defaultTo(0);
    table.string('branch', 255).nullable();
    table.text('merge_request_url').nullable();
    table.string('verify_pipeline_id', 128).nullable();
    table.text('verify_pipeline_url').nullable();
    table.text('approval').nullable().comment('JSON');
    table.text('workflow_ids').notNullable().defaultTo('[]');
    table.text('summary').nullable();
    table.text('error').nullable();
    table.bigInteger('failed_at').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    // A redelivered webhook, or two replicas receiving it, find this row.
    table.unique(['source', 'project', 'job_id'], {
      indexName: 'remediations_job_unique',
    });
    table.index(['entity_ref', 'failed_at'], 'remediations_entity_idx');
    table.index(['status'], 'remediations_status_idx');
    table.index(['failed_at'], 'remediations_failed_at_idx');
  });

  await knex.schema.createTable('remediation_fixes', table => {
    table.comment(
      'One row per failure fingerprint: its attempts and its one merge request',
    );
    table.string('fingerprint', 64).primary();
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('branch', 255).nullable();
    table.text('merge_request_url').nullable();
    table.string('last_remediation_id', 36).nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('remediation_fixes');
  await knex.schema.dropTable('remediations');
};
