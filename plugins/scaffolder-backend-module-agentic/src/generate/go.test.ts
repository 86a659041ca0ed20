import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import {
  GoDatabase,
  listRendered,
  postgresDatabase,
  renderGoService,
  run,
  RunResult,
  startService,
  REPOSITORY_ROOT,
} from './goService';

// dynalite has no type declarations: what is used of it.
const dynalite: (options: {
  createTableMs?: number;
  deleteTableMs?: number;
}) => Server = require('dynalite');

// The generated Go services build and test with Debian's golang and Go
// library packages only (no module proxy): `make test` compiles gin, lib/pq
// and the AWS SDK from /usr/share/gocode the first time, hence the timeouts.
const BUILD_TIMEOUT = 10 * 60_000;

/** Fails, showing the command's output, unless it exited 0. */
function expectSuccess(result: RunResult) {
  if (result.code !== 0) {
    throw new Error(
      `exited with ${result.code ?? result.signal}:\n${result.stdout}${
        result.stderr
      }`,
    );
  }
}

describe('the Go skeleton', () => {
  const workspaces = createMockDirectory();
  const postgres = postgresDatabase();
  // A local DynamoDB API for the dynamodb variant.
  const dynamodb = dynalite({ createTableMs: 0, deleteTableMs: 0 });
  let dynamodbEndpoint: string;

  beforeAll(async () => {
    await new Promise<void>(resolve =>
      dynamodb.listen(0, '127.0.0.1', resolve),
    );
    const { port } = dynamodb.address() as AddressInfo;
    dynamodbEndpoint = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await postgres.drop();
    await new Promise(resolve => dynamodb.close(resolve));
  });

  /** The environment a variant's tests and server run with. */
  async function storageEnv(
    database: GoDatabase,
  ): Promise<Record<string, string>> {
    if (database === 'postgresql') {
      return { DATABASE_URL: await postgres.url() };
    }
    if (database === 'dynamodb') {
      return { DYNAMODB_ENDPOINT: dynamodbEndpoint };
    }
    return {};
  }

  describe.each<[GoDatabase, string]>([
    ['none', 'memory.go'],
    ['postgresql', 'postgres.go'],
    ['dynamodb', 'dynamodb.go'],
  ])('with database %s', (database, storageFile) => {
    const dir = path.join(workspaces.path, database, 'orders-api');

    beforeAll(async () => {
      await renderGoService({
        workspace: path.join(workspaces.path, database),
        targetPath: 'orders-api',
        database,
      });
    });

    it('renders only its own storage and the modules it imports', () => {
      const files = listRendered(dir);
      expect(files).toEqual(
        expect.arrayContaining([
          'Dockerfile',
          'Makefile',
          'go.mod',
          'main.go',
          'internal/handlers/router.go',
          'internal/handlers/router_test.go',
          'internal/storage/storage.go',
          `internal/storage/${storageFile}`,
        ]),
      );
      const storageFiles = files.filter(f => f.startsWith('internal/storage/'));
      expect(storageFiles.sort()).toEqual(
        [
          'internal/storage/storage.go',
          `internal/storage/${storageFile}`,
        ].sort(),
      );
      expect(files.filter(f => f.includes('${{'))).toEqual([]);

      const goMod = fs.readFileSync(path.join(dir, 'go.mod'), 'utf8');
      expect(goMod).toMatch(/^module orders-api$/m);
      expect(goMod).toMatch(/^\tgithub\.com\/gin-gonic\/gin v1\.8\.1$/m);
      expect(goMod.includes('github.com/lib/pq')).toBe(
        database === 'postgresql',
      );
      expect(goMod.includes('github.com/aws/aws-sdk-go')).toBe(
        database === 'dynamodb',
      );
    });

    it(
      'passes its own tests offline against its real storage',
      async () => {
        const result = await run('make', ['test'], {
          cwd: dir,
          env: await storageEnv(database),
        });
        expectSuccess(result);
        expect(result.stdout).toMatch(
          /^ok\s+orders-api\/internal\/handlers\s/m,
        );
      },
      BUILD_TIMEOUT,
    );

    if (database === 'postgresql') {
      it('left the items its tests wrote in PostgreSQL', async () => {
        // Runs after the tests above: they stored items in the database
        // rather than in memory.
        const count = await postgres.query('SELECT count(*) FROM items');
        expect(Number(count)).toBeGreaterThan(0);
      });
    }

    it(
      'serves the API from the binary it builds',
      async () => {
        // Built outside the service's folder, which stays as rendered.
        const binary = path.join(workspaces.path, database, 'bin/service');
        expectSuccess(
          await run('make', ['build', `BIN=${binary}`], { cwd: dir }),
        );

        const service = await startService(binary, await storageEnv(database));
        try {
          const health = await fetch(`${service.url}/health`);
          expect(health.status).toBe(200);
          expect(await health.json()).toEqual({ status: 'ok' });

          const created = await fetch(`${service.url}/items`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'from the binary' }),
          });
          expect(created.status).toBe(201);
          const item = await created.json();
          const fetched = await fetch(`${service.url}/items/${item.id}`);
          expect(await fetched.json()).toEqual({
            id: item.id,
            name: 'from the binary',
            description: '',
          });
        } finally {
          // SIGTERM: the server drains and exits cleanly.
          expect(await service.stop()).toMatchObject({ code: 0 });
        }
      },
      BUILD_TIMEOUT,
    );

    if (database === 'postgresql') {
      it(
        'says what to do when the server has no TLS',
        async () => {
          // lib/pq requires TLS by default; the development server has none.
          const url = new URL(await postgres.url());
          url.searchParams.delete('sslmode');
          const result = await run('make', ['test'], {
            cwd: dir,
            env: { DATABASE_URL: url.toString() },
          });
          expect(result.code).not.toBe(0);
          expect(result.stdout + result.stderr).toContain(
            'unless DATABASE_URL ends with ?sslmode=disable',
          );
        },
        BUILD_TIMEOUT,
      );
    }

    if (database !== 'none') {
      const variable =
        database === 'postgresql' ? 'DATABASE_URL' : 'DYNAMODB_ENDPOINT';
      it(
        `fails its tests clearly without ${variable}`,
        async () => {
          const result = await run('make', ['test'], { cwd: dir, env: {} });
          expect(result.code).not.toBe(0);
          expect(result.stderr + result.stdout).toContain(
            `${variable} is not set`,
          );
        },
        BUILD_TIMEOUT,
      );
    }

    it(
      'passes the Policy agent with no high or critical finding',
      async () => {
        // bin/agentic without its setup step: the CLI on the running Node.
        const result = await run(
          process.execPath,
          [
            path.join(REPOSITORY_ROOT, 'packages/cli/bin/agentic'),
            'policy',
            'scan',
            dir,
            '--fail-on',
            'high',
          ],
          { cwd: REPOSITORY_ROOT },
        );
        expectSuccess(result);
        expect(result.stdout).toMatch(/\b0 error\(s\)/);
      },
      BUILD_TIMEOUT,
    );
  });
});
