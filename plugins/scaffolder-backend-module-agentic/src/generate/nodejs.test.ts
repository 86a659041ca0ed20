import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '../__testUtils__/listFiles';
import {
  lockfileTemplate,
  NPM_ENV,
  updateLockfile,
} from '../__testUtils__/nodejsLockfile';
import { highOrWorse, policyScan } from '../__testUtils__/policyScan';
import {
  microserviceValues,
  renderMicroservice,
  SERVICE_DATABASES as DATABASES,
  ServiceDatabase as Database,
} from '../__testUtils__/renderMicroservice';
import { CommandResult, runCommand } from '../__testUtils__/runCommand';
import {
  ServiceStorage,
  startServiceStorage,
} from '../__testUtils__/serviceStorage';
import { serviceTestEnv } from '../__testUtils__/serviceTestEnv';

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

/** The environment of `make test`, with npm's settings. */
const testEnv = (variables: Record<string, string> = {}) =>
  serviceTestEnv({ ...NPM_ENV, ...variables });

/** Renders what a template run writes for Node.js (or only `skeletons`). */
const render = (workspace: string, database: Database, skeletons?: string[]) =>
  renderMicroservice({
    workspace,
    skeletons,
    values: microserviceValues('nodejs', database),
  });

const read = (dir: string, file: string) =>
  fs.readFileSync(path.join(dir, file), 'utf8');

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
      await render(mockDir.path, database, ['nodejs']);
      const dir = mockDir.path;
      expect(listFiles(dir)).toEqual([
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
      for (const file of listFiles(dir)) {
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
      await render(mockDir.path, database, ['nodejs']);
      const report = await policyScan(mockDir.path);
      expect(highOrWorse(report)).toEqual([]);
      expect(report.errors).toEqual([]);
    },
    120_000,
  );

  describe.each(DATABASES)('a %s service', database => {
    const serviceDir = createMockDirectory();
    const variable = STORAGE_VARIABLE[database];
    let storage: ServiceStorage;
    let makeTest: CommandResult;

    beforeAll(async () => {
      await render(serviceDir.path, database);
      storage = await startServiceStorage(database);
      makeTest = await runCommand('make', ['test'], {
        cwd: serviceDir.path,
        env: testEnv(storage.env),
      });
    }, 300_000);

    afterAll(async () => {
      await storage?.stop();
    });

    it('passes its own tests: make test', () => {
      expect(makeTest).toMatchObject({ code: 0, output: ALL_PASSED });
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
        const result = await runCommand(
          node,
          ['--test', '--test-reporter=spec'],
          { cwd: serviceDir.path, env: testEnv(storage.env) },
        );
        expect(result).toMatchObject({ code: 0, output: ALL_PASSED });
      }, 120_000),
    );

    if (variable) {
      it(`fails clearly, skipping nothing, without ${variable}`, async () => {
        const result = await runCommand('npm', ['test'], {
          cwd: serviceDir.path,
          env: testEnv(),
        });
        expect(result.code).not.toBe(0);
        expect(result.output).toContain(`${variable} is not set`);
        expect(result.output).not.toMatch(/ℹ pass [1-9]/);
      }, 120_000);
    }
  });
});
