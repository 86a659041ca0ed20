import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { renderSkeleton, TEMPLATES_DIR } from './renderSkeleton';

// dynalite has no type declarations: what this test uses of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite: (options: {
  createTableMs?: number;
}) => Server = require('dynalite');

const REPO_ROOT = path.resolve(TEMPLATES_DIR, '..');
const AGENTIC_CLI = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'agentic');
const SKELETONS = path.join(TEMPLATES_DIR, 'microservice', 'skeletons');
const POSTGRES_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:42019/postgres';

type Database = 'postgresql' | 'dynamodb' | 'none';

const values = (database: Database) => ({
  name: 'orders-api',
  description: 'Keeps "orders" for the shop',
  owner: 'group:default/payments-team',
  system: 'system:default/payments',
  language: 'python',
  database,
  apiType: 'rest',
  port: 8080,
  gitlabProject: '',
});

/** Runs a command; resolves with its exit code and output, never rejects on a non-zero exit. */
function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; output: string }> {
  return new Promise(resolve => {
    execFile(
      command,
      args,
      { ...options, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // A non-numeric code: killed by the timeout, or not started at all.
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

async function psql(url: string, sql: string) {
  const { code, output } = await run('psql', [
    url,
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    sql,
  ]);
  if (code !== 0) throw new Error(`psql failed: ${output}`);
}

/** A new, empty PostgreSQL database on the test server; drop() removes it. */
async function createThrowawayDatabase() {
  const name = `python_skeleton_${Date.now()}_${Math.floor(
    Math.random() * 1e6,
  )}`;
  await psql(POSTGRES_URL, `CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => psql(POSTGRES_URL, `DROP DATABASE ${name} WITH (FORCE)`),
  };
}

/** A local DynamoDB API (dynalite) on a free port. */
async function startDynalite() {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** The environment of `make test`: this one, minus what would point it elsewhere. */
function testEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'DYNAMODB_ENDPOINT',
    'DYNAMODB_TABLE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_PROFILE',
    'PYTHON',
  ]) {
    delete env[key];
  }
  return { ...env, ...extra };
}

/**
 * Renders one skeleton into `workspace`. The mock action context fetches the
 * template into the workspace itself (its createTemporaryDirectory returns
 * the workspace), so the raw copy it leaves in `template/` is removed: a
 * real run fetches it elsewhere.
 */
async function render(workspace: string, skeleton: string, database: Database) {
  await renderSkeleton({
    template: 'microservice',
    url: `./skeletons/${skeleton}`,
    values: values(database),
    workspace,
  });
  fs.rmSync(path.join(workspace, 'template'), { recursive: true, force: true });
}

/** What a template run writes for Python: the common files (once they exist), then the Python ones. */
async function renderService(workspace: string, database: Database) {
  if (fs.existsSync(path.join(SKELETONS, 'common'))) {
    await render(workspace, 'common', database);
  }
  await render(workspace, 'python', database);
}

/** Fails with the command's output when it did not exit 0. */
function expectSuccess(result: { code: number; output: string }) {
  if (result.code !== 0) {
    throw new Error(`exited ${result.code}:\n${result.output}`);
  }
}

const read = (dir: string, file: string) =>
  fs.readFileSync(path.join(dir, file), 'utf8');

/** Every rendered file of the Python skeleton, relative to `dir`. */
function pythonFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(SKELETONS, 'python'), { recursive: true })
    .map(String)
    .filter(file => fs.statSync(path.join(dir, file)).isFile());
}

describe('the Python (FastAPI) skeleton', () => {
  const mockDir = createMockDirectory();
  const dir = mockDir.path;

  beforeEach(() => mockDir.clear());

  it.each(['postgresql', 'dynamodb', 'none'] as const)(
    'renders completely: no template syntax is left (%s)',
    async database => {
      await renderService(dir, database);
      const leftovers = pythonFiles(dir).filter(file =>
        /\$\{\{|\{%|%\}|\{#|#\}/.test(read(dir, file)),
      );
      expect(leftovers).toEqual([]);
      expect(read(dir, 'app/main.py')).toContain(
        'description="Keeps \\"orders\\" for the shop"',
      );
      expect(read(dir, 'Dockerfile')).toMatch(/^EXPOSE 8080$/m);
    },
  );

  it.each([
    ['postgresql', ['sqlalchemy', 'psycopg2'], ['boto3']],
    ['dynamodb', ['boto3'], ['sqlalchemy', 'psycopg2']],
    ['none', [], ['boto3', 'sqlalchemy', 'psycopg2']],
  ] as const)(
    'generates only the storage of %s',
    async (database, used, unused) => {
      await renderService(dir, database);
      const requirements = read(dir, 'requirements.txt').toLowerCase();
      const storage = read(dir, 'app/storage.py');
      for (const library of used) {
        expect(requirements).toContain(library);
      }
      for (const library of unused) {
        expect(requirements).not.toContain(library);
        expect(storage).not.toContain(`import ${library}`);
        expect(storage).not.toContain(`from ${library}`);
      }
    },
  );

  describe('make test', () => {
    it('passes with storage in memory', async () => {
      await renderService(dir, 'none');
      const result = await run('make', ['test'], {
        cwd: dir,
        env: testEnv({}),
      });
      expectSuccess(result);
      expect(result.output).toMatch(/\d+ passed/);
      expect(result.output).not.toMatch(/skipped|xfail|deselected/);
    }, 240_000);

    it('passes against a real PostgreSQL', async () => {
      await renderService(dir, 'postgresql');
      const database = await createThrowawayDatabase();
      try {
        const result = await run('make', ['test'], {
          cwd: dir,
          env: testEnv({ DATABASE_URL: database.url }),
        });
        expectSuccess(result);
        expect(result.output).toMatch(/\d+ passed/);
        expect(result.output).not.toMatch(/skipped|xfail|deselected/);
      } finally {
        await database.drop();
      }
    }, 240_000);

    it('passes against a local DynamoDB (dynalite)', async () => {
      await renderService(dir, 'dynamodb');
      const dynamodb = await startDynalite();
      try {
        const result = await run('make', ['test'], {
          cwd: dir,
          env: testEnv({ DYNAMODB_ENDPOINT: dynamodb.endpoint }),
        });
        expectSuccess(result);
        expect(result.output).toMatch(/\d+ passed/);
        expect(result.output).not.toMatch(/skipped|xfail|deselected/);
      } finally {
        await dynamodb.stop();
      }
    }, 240_000);

    it.each([
      ['postgresql', 'DATABASE_URL is not set'],
      ['dynamodb', 'DYNAMODB_ENDPOINT is not set'],
    ] as const)(
      'fails clearly, skipping nothing, when %s is not configured',
      async (database, message) => {
        await renderService(dir, database);
        const result = await run('make', ['test'], {
          cwd: dir,
          env: testEnv({}),
        });
        expect(result.code).not.toBe(0);
        expect(result.output).toContain(message);
      },
      240_000,
    );
  });

  it.each(['postgresql', 'dynamodb', 'none'] as const)(
    'passes the policy scan with no high or critical finding (%s)',
    async database => {
      // Only the Python skeleton's files: the common ones have their own test.
      await render(dir, 'python', database);
      // The CLI itself, not bin/agentic: that one would first install
      // dependencies when a package.json changed.
      const result = await run(
        process.execPath,
        [AGENTIC_CLI, 'policy', 'scan', dir, '--json', '--fail-on', 'high'],
        { cwd: REPO_ROOT },
      );
      expectSuccess(result);
      // The Dockerfile was read (the one resource here), and nothing at all was found.
      expect(JSON.parse(result.output)).toMatchObject({
        findings: [],
        summary: { resources: 1, errors: 0 },
      });
    },
    240_000,
  );
});
