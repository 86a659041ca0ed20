import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  DATABASES,
  Database,
  lockfileTemplate,
  NODEJS_SKELETON,
  NPM_ENV,
  nodejsValues,
  renderMicroservice,
  run,
  updateLockfile,
} from './nodejsSkeleton';
import { TEMPLATES_DIR } from './renderSkeleton';

// dynalite has no type declarations: what this test uses of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite: (options: {
  createTableMs?: number;
}) => Server = require('dynalite');

const REPO_ROOT = path.resolve(TEMPLATES_DIR, '..');
const POSTGRES_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:42019/postgres';

/** The machine's own Node.js when it is another major version than this one's: the services must run on both. */
const OTHER_NODE = ['/usr/bin/node'].filter(
  node =>
    fs.existsSync(node) &&
    fs.realpathSync(node) !== fs.realpathSync(process.execPath),
);

const STORAGE_PACKAGES: Record<Database, string[]> = {
  postgresql: ['express', 'pg'],
  dynamodb: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'express'],
  none: ['express'],
};

/** What the storage of each database needs in the environment of `make test`. */
const STORAGE_VARIABLE: Record<Database, string | undefined> = {
  postgresql: 'DATABASE_URL',
  dynamodb: 'DYNAMODB_ENDPOINT',
  none: undefined,
};

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

/** The storage a service of `database` is tested against, and how to remove it. */
async function startStorage(
  database: Database,
): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  if (database === 'postgresql') {
    const name = `nodejs_skeleton_${Date.now()}_${Math.floor(
      Math.random() * 1e6,
    )}`;
    await psql(POSTGRES_URL, `CREATE DATABASE ${name}`);
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      stop: () => psql(POSTGRES_URL, `DROP DATABASE ${name} WITH (FORCE)`),
    };
  }
  if (database === 'dynamodb') {
    const server = dynalite({ createTableMs: 0 });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    const { port } = server.address() as AddressInfo;
    return {
      env: { DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}` },
      stop: () => new Promise<void>(resolve => server.close(() => resolve())),
    };
  }
  return { env: {}, stop: async () => {} };
}

/** The environment of `make test`: this one, minus what would point it elsewhere, plus npm's settings. */
function testEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'DYNAMODB_ENDPOINT',
    'DYNAMODB_TABLE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_PROFILE',
    'NODE_OPTIONS',
  ]) {
    delete env[key];
  }
  return { ...env, ...NPM_ENV, ...extra };
}

/** Renders what a template run writes for Node.js: the common files (once they exist), then the Node.js ones. */
async function renderService(workspace: string, database: Database) {
  if (fs.existsSync(path.join(NODEJS_SKELETON, '..', 'common'))) {
    await renderMicroservice(
      workspace,
      './skeletons/common',
      nodejsValues(database),
    );
  }
  await renderMicroservice(
    workspace,
    './skeletons/nodejs',
    nodejsValues(database),
  );
}

const read = (dir: string, file: string) =>
  fs.readFileSync(path.join(dir, file), 'utf8');

/** Every file a service of `database` gets from the Node.js skeleton, relative to its folder. */
function renderedFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter(file => !file.startsWith('node_modules'))
    .filter(file => fs.statSync(path.join(dir, file)).isFile())
    .sort();
}

/** A node:test run (spec reporter) that ran tests and none failed, was skipped or left to do. */
const ALL_PASSED = expect.stringMatching(
  /ℹ pass [1-9]\d*\nℹ fail 0\nℹ cancelled 0\nℹ skipped 0\nℹ todo 0\n/,
);

describe('the Node.js (Express) skeleton', () => {
  const mockDir = createMockDirectory();

  beforeAll(async () => {
    // After a change of the skeleton's dependencies:
    // UPDATE_NODEJS_LOCKFILES=1 CI=1 yarn backstage-cli package test src/generate/nodejs
    if (process.env.UPDATE_NODEJS_LOCKFILES) {
      for (const database of DATABASES) {
        mockDir.clear();
        await updateLockfile(database, mockDir.path);
      }
    }
  }, 300_000);

  beforeEach(() => mockDir.clear());

  it.each(DATABASES)(
    'renders a %s service completely, with only its storage',
    async database => {
      await renderMicroservice(
        mockDir.path,
        './skeletons/nodejs',
        nodejsValues(database),
      );
      const dir = mockDir.path;
      expect(renderedFiles(dir)).toEqual([
        '.dockerignore',
        'Dockerfile',
        'Makefile',
        'package-lock.json',
        'package.json',
        'src/app.js',
        'src/items.js',
        'src/server.js',
        'src/store/index.js',
        'test/app.test.js',
      ]);
      for (const file of renderedFiles(dir)) {
        expect([file, read(dir, file)]).not.toEqual([
          file,
          expect.stringMatching(/\$\{\{|\{%|%\}|\{#/),
        ]);
      }

      const manifest = JSON.parse(read(dir, 'package.json'));
      expect(manifest).toMatchObject({
        name: 'orders-api',
        description: 'Keeps "orders" for the shop',
      });
      expect(Object.keys(manifest.dependencies)).toEqual(
        STORAGE_PACKAGES[database],
      );
      // Exact versions: what the lockfile and the tests pinned.
      for (const version of Object.values<string>({
        ...manifest.dependencies,
        ...manifest.devDependencies,
      })) {
        expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      }
      const lockfile = JSON.parse(read(dir, 'package-lock.json'));
      expect(lockfile.name).toBe('orders-api');
      expect(lockfile.packages['']).toMatchObject({
        name: 'orders-api',
        dependencies: manifest.dependencies,
        devDependencies: manifest.devDependencies,
      });

      const store = read(dir, 'src/store/index.js');
      for (const other of DATABASES.filter(d => d !== database)) {
        for (const pkg of STORAGE_PACKAGES[other].filter(
          p => !STORAGE_PACKAGES[database].includes(p),
        )) {
          expect(store).not.toContain(`require('${pkg}')`);
          expect(lockfile.packages[`node_modules/${pkg}`]).toBeUndefined();
        }
      }

      expect(read(dir, 'Dockerfile')).toMatch(/^EXPOSE 8080$/m);
      expect(read(dir, 'Dockerfile')).toMatch(/^FROM node:\d+\.\d+\.\d+-/m);
      expect(read(dir, 'src/server.js')).toContain(
        "process.env.PORT || '8080'",
      );
    },
  );

  it.each(DATABASES)(
    'passes the policy scan with no high or critical finding (%s)',
    async database => {
      // Only the Node.js skeleton's files: the common ones have their own test.
      await renderMicroservice(
        mockDir.path,
        './skeletons/nodejs',
        nodejsValues(database),
      );
      // The CLI that bin/agentic runs, without its install check.
      const result = await run(
        process.execPath,
        [
          path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'agentic'),
          'policy',
          'scan',
          mockDir.path,
          '--fail-on',
          'high',
        ],
        { cwd: REPO_ROOT },
      );
      expect(result).toEqual({ code: 0, output: expect.anything() });
    },
    120_000,
  );

  describe.each(DATABASES)('a %s service', database => {
    const serviceDir = createMockDirectory();
    const variable = STORAGE_VARIABLE[database];
    let storage: Awaited<ReturnType<typeof startStorage>>;
    let makeTest: { code: number; output: string };

    beforeAll(async () => {
      await renderService(serviceDir.path, database);
      storage = await startStorage(database);
      makeTest = await run('make', ['test'], {
        cwd: serviceDir.path,
        env: testEnv(storage.env),
      });
    }, 300_000);

    afterAll(async () => {
      await storage?.stop();
    });

    it('passes its own tests: make test', () => {
      expect(makeTest).toEqual({ code: 0, output: ALL_PASSED });
      // npm ci installed from the rendered lockfile: it did not fail over to
      // npm install, which would have rewritten it.
      expect(makeTest.output).not.toMatch(/^npm error/m);
      expect(read(serviceDir.path, 'package-lock.json')).toBe(
        fs
          .readFileSync(lockfileTemplate(database), 'utf8')
          .replaceAll('${{ values.name }}', 'orders-api'),
      );
      expect(makeTest.output).toMatch(/^added \d+ packages/m);
    });

    OTHER_NODE.forEach(node =>
      it(`passes them on ${node} too`, async () => {
        const result = await run(node, ['--test', '--test-reporter=spec'], {
          cwd: serviceDir.path,
          env: testEnv(storage.env),
        });
        expect(result).toEqual({ code: 0, output: ALL_PASSED });
      }, 120_000),
    );

    if (variable) {
      it(`fails clearly, skipping nothing, without ${variable}`, async () => {
        const result = await run('npm', ['test'], {
          cwd: serviceDir.path,
          env: testEnv({}),
        });
        expect(result.code).not.toBe(0);
        expect(result.output).toContain(`${variable} is not set`);
        expect(result.output).not.toMatch(/ℹ pass [1-9]/);
      }, 120_000);
    }
  });
});
