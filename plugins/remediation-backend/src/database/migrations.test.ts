import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const directory = resolvePackagePath(
  '@agentic-devops/plugin-remediation-backend',
  'migrations',
);
const tables = ['remediations', 'remediation_fixes'];

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
    expect(await knex.schema.hasTable('remediations')).toBe(true);
  });

  it('are shipped with the package', () => {
    const pkg = JSON.parse(
      fs.readFileSync(
        resolvePackagePath(
          '@agentic-devops/plugin-remediation-backend',
          'package.json',
        ),
        'utf8',
      ),
    );
    expect(pkg.files).toContain('migrations');
  });
});
