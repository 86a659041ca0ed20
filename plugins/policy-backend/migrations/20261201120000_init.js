// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
// Times are epoch milliseconds, as in the other agents' tables. Entity and
// owner refs are kept lower-cased.
exports.up = async function up(knex) {
  await knex.schema.createTable('policy_scans', table => {
    table.comment(
      'Policy scans, stored so that trends and reports need no re-scan',
    );
    table.string('id', 36).primary();
    table.string('entity_ref', 255).nullable();
    table
      .string('owner_ref', 255)
      .nullable()
      .comment("The entity's owner when the scan was recorded");
    table.string('trigger', 32).notNullable();
    table.text('target').notNullable();
    table.string('commit_sha', 64).nullable();
    table.text('merge_request_url').nullable();
    table
      .string('idempotency_key', 512)
      .nullable()
      .comment('A merge request head: a redelivered webhook finds its scan');
    table
      .text('rule_ids')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON: the rules that ran');
    table.text('summary').notNullable().comment('JSON');
    table.text('errors').notNullable().defaultTo('[]').comment('JSON');
    table.bigInteger('created_at').notNullable();
    table.unique(['idempotency_key'], {
      indexName: 'policy_scans_idempotency_key_unique',
    });
    table.index(['entity_ref', 'created_at'], 'policy_scans_entity_idx');
    table.index(['created_at'], 'policy_scans_created_at_idx');
  });

  await knex.schema.createTable('policy_findings', table => {
    table.comment('The findings of each stored scan, waived ones marked');
    table.bigIncrements('id');
    table
      .string('scan_id', 36)
      .notNullable()
      .references('id')
      .inTable('policy_scans')
      .onDelete('CASCADE');
    table.integer('position').notNullable().comment('Order within the scan');
    table.string('rule_id', 255).notNullable();
    table.string('severity', 16).notNullable();
    table.text('file').notNullable();
    table.integer('line').notNullable();
    table.text('resource').notNullable();
    table.text('message').notNullable();
    table.text('remediation').notNullable();
    table.text('frameworks').notNullable().comment('JSON');
    table.string('status', 16).notNullable();
    table.text('detail').nullable();
    table.string('waiver_id', 36).nullable();
    table.index(['scan_id', 'position'], 'policy_findings_scan_idx');
    table.index(['scan_id', 'rule_id'], 'policy_findings_scan_rule_idx');
    table.index(['rule_id', 'severity'], 'policy_findings_rule_idx');
    table.index(['waiver_id'], 'policy_findings_waiver_idx');
  });

  await knex.schema.createTable('policy_waivers', table => {
    table.comment('Exceptions to a rule for an entity, approved by its owners');
    table.string('id', 36).primary();
    table.string('rule_id', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table
      .string('owner_ref', 255)
      .nullable()
      .comment("The entity's owner when last requested or decided");
    table.text('resource_pattern').notNullable();
    table.text('reason').notNullable();
    table.bigInteger('expires_at').notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved, rejected, expired');
    table.string('requested_by', 255).notNullable();
    table.bigInteger('requested_at').notNullable();
    table.string('decided_by', 255).nullable();
    table.bigInteger('decided_at').nullable();
    table.integer('uses').notNullable().defaultTo(0);
    table.index(['entity_ref', 'status'], 'policy_waivers_entity_idx');
    table.index(['status', 'expires_at'], 'policy_waivers_expiry_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('policy_waivers');
  await knex.schema.dropTable('policy_findings');
  await knex.schema.dropTable('policy_scans');
};
