import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { policyScan } from '../__testUtils__/policyScan';
import {
  microserviceValues,
  renderMicroservice,
  ServiceDatabase,
} from '../__testUtils__/renderMicroservice';
import { TEMPLATES_DIR } from '../__testUtils__/renderSkeleton';
import { expectSuccess, runCommand } from '../__testUtils__/runCommand';
import { startServiceStorage } from '../__testUtils__/serviceStorage';
import { serviceTestEnv } from '../__testUtils__/serviceTestEnv';

const PYTHON_SKELETON = path.join(
  TEMPLATES_DIR,
  'microservice',
  'skeletons',
  'python',
);

const read = (dir: string, file: string) =>
  fs.readFileSync(path.join(dir, file), 'utf8');

/** Every rendered file of the Python skeleton, relative to `dir`. */
function pythonFiles(dir: string): string[] {
  return fs
    .readdirSync(PYTHON_SKELETON, { recursive: true })
    .map(String)
    .filter(file => fs.statSync(path.join(dir, file)).isFile());
}

describe('the Python (FastAPI) skeleton', () => {
  const mockDir = createMockDirectory();
  const dir = mockDir.path;

  beforeEach(() => mockDir.clear());

  /** Renders what a template run writes for Python (or only `skeletons`). */
  const render = (database: ServiceDatabase, skeletons?: string[]) =>
    renderMicroservice({
      workspace: dir,
      skeletons,
      values: microserviceValues('python', database),
    });

  /** make test, with the storage settings `env` only. */
  const makeTest = (env?: Record<string, string>) =>
    runCommand('make', ['test'], { cwd: dir, env: serviceTestEnv(env) });

  it.each(['postgresql', 'dynamodb', 'none'] as const)(
    'renders completely: no template syntax is left (%s)',
    async database => {
      await render(database);
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
      await render(database);
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
    it.each([
      ['with storage in memory', 'none'],
      ['against a real PostgreSQL', 'postgresql'],
      ['against a local DynamoDB (dynalite)', 'dynamodb'],
    ] as const)(
      'passes %s',
      async (_storage, database) => {
        await render(database);
        const storage = await startServiceStorage(database);
        try {
          const result = await makeTest(storage.env);
          expectSuccess(result);
          expect(result.output).toMatch(/\d+ passed/);
          expect(result.output).not.toMatch(/skipped|xfail|deselected/);
        } finally {
          await storage.stop();
        }
      },
      240_000,
    );

    it.each([
      ['postgresql', 'DATABASE_URL is not set'],
      ['dynamodb', 'DYNAMODB_ENDPOINT is not set'],
    ] as const)(
      'fails clearly, skipping nothing, when %s is not configured',
      async (database, message) => {
        await render(database);
        const result = await makeTest();
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
      await render(database, ['python']);
      // The Dockerfile was read (the one resource here), and nothing at all was found.
      expect(await policyScan(dir)).toMatchObject({
        findings: [],
        summary: { resources: 1, errors: 0 },
      });
    },
    240_000,
  );
});
