import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const directory = resolvePackagePath(
  '@agentic-devops/plugin-policy-backend',
  'migrations',
);
const tables = ['policy_scans', 'policy_findings', 'policy_waivers'];

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('go up and down cleanly, and up again', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    const migrations = fs.readdirSync(directory).filter(f => f.endsWith('.js'));
    for (let i = 0; i < migrations.length; i++) {
      await knex.migrate.down({ directory });
    }
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    await knex.migrate.latest({ directory });
    for (const table of tables) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
  });

  it("delete a scan's findings with it", async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory });
    if (knex.client.config.client.includes('sqlite')) {
      await knex.raw('PRAGMA foreign_keys = ON');
    }
    await knex('policy_scans').insert({
      id: 's1',
      trigger: 'api',
      target: '/src',
      summary: '{}',
      created_at: 1,
    });
    await knex('policy_findings').insert({
      scan_id: 's1',
      position: 0,
      rule_id: 'r',
      severity: 'high',
      file: 'f',
      line: 1,
      resource: 'x',
      message: 'm',
      remediation: 'r',
      frameworks: '[]',
      status: 'violated',
    });
    await knex('policy_scans').where({ id: 's1' }).delete();
    const [{ n }] = await knex('policy_findings').count({ n: '*' });
    expect(Number(n)).toBe(0);
  });

  it('are shipped with the package', () => {
    const pkg = JSON.parse(
      fs.readFileSync(
        resolvePackagePath(
          '@agentic-devops/plugin-policy-backend',
          'package.json',
        ),
        'utf8',
      ),
    );
    expect(pkg.files).toContain('migrations');
  });
});
