import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { listFiles } from '../__testUtils__/listFiles';
import { highOrWorse, policyScan } from '../__testUtils__/policyScan';
import {
  microserviceValues,
  renderMicroservice,
  ServiceDatabase,
} from '../__testUtils__/renderMicroservice';
import { expectSuccess, runCommand } from '../__testUtils__/runCommand';
import { startServiceBinary } from '../__testUtils__/serviceBinary';
import {
  ServiceStorage,
  startServiceStorage,
} from '../__testUtils__/serviceStorage';
import { serviceTestEnv } from '../__testUtils__/serviceTestEnv';
import { psql } from '../__testUtils__/throwawayPostgres';

// The generated Go services build and test with Debian's golang and Go
// library packages only (no module proxy): `make test` compiles gin, lib/pq
// and the AWS SDK from /usr/share/gocode the first time, hence the timeouts.
const BUILD_TIMEOUT = 10 * 60_000;

describe('the Go skeleton', () => {
  const workspaces = createMockDirectory();

  describe.each<[ServiceDatabase, string]>([
    ['none', 'memory.go'],
    ['postgresql', 'postgres.go'],
    ['dynamodb', 'dynamodb.go'],
  ])('with database %s', (database, storageFile) => {
    const dir = path.join(workspaces.path, database, 'orders-api');
    let storage: ServiceStorage;

    /** Runs make in the service's folder, pointed at `env` only. */
    const make = (args: string[], env: Record<string, string> = {}) =>
      runCommand('make', args, {
        cwd: dir,
        env: serviceTestEnv(env),
        timeoutMs: BUILD_TIMEOUT,
      });

    beforeAll(async () => {
      // What a template run writes for Go, into the repository's folder.
      await renderMicroservice({
        workspace: path.join(workspaces.path, database),
        targetPath: 'orders-api',
        values: microserviceValues('go', database),
      });
      storage = await startServiceStorage(database);
    });

    afterAll(async () => {
      await storage?.stop();
    });

    it('renders only its own storage and the modules it imports', () => {
      const files = listFiles(dir);
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
        const result = await make(['test'], storage.env);
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
        const count = await psql(
          storage.env.DATABASE_URL,
          'SELECT count(*) FROM items',
        );
        expect(Number(count)).toBeGreaterThan(0);
      });
    }

    it(
      'serves the API from the binary it builds',
      async () => {
        // Built outside the service's folder, which stays as rendered.
        const binary = path.join(workspaces.path, database, 'bin/service');
        expectSuccess(await make(['build', `BIN=${binary}`]));

        const service = await startServiceBinary(binary, storage.env);
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
          const url = new URL(storage.env.DATABASE_URL);
          url.searchParams.delete('sslmode');
          const result = await make(['test'], { DATABASE_URL: url.toString() });
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
          const result = await make(['test']);
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
        const report = await policyScan(dir);
        expect(highOrWorse(report)).toEqual([]);
        expect(report.summary.errors).toBe(0);
      },
      BUILD_TIMEOUT,
    );
  });
});
