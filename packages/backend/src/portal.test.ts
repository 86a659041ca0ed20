import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { Portal, startPortal, waitFor } from './__testUtils__/startPortal';

// Boots the real backend (every plugin of backend.ts) on a random port, once
// on SQLite files and once on PostgreSQL when `make test` has started one.
jest.setTimeout(180_000);

const pgConnection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const requirePostgres = process.env.AGENTIC_TEST_REQUIRE_POSTGRES === '1';

const exampleNames = [
  'Component:checkout-service',
  'Component:payments-worker',
  'Component:storefront',
  'Component:agentic-devops-backstage',
  'API:checkout-api',
  'System:checkout',
  'Group:platform-team',
  'Group:payments-team',
  'User:guest',
];

async function getJson(portal: Portal, token: string, url: string) {
  const response = await fetch(`${portal.baseUrl}${url}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) {
    throw new Error(`${url}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

async function expectExamplesInCatalog(portal: Portal, token: string) {
  const names = await waitFor(
    'the example catalog',
    async () => {
      const body = await getJson(
        portal,
        token,
        '/api/catalog/entities/by-query?limit=200',
      );
      const found: string[] = body.items.map(
        (e: any) => `${e.kind}:${e.metadata.name}`,
      );
      return exampleNames.every(n => found.includes(n)) ? found : undefined;
    },
    90_000,
  );
  expect(names).toEqual(expect.arrayContaining(exampleNames));
}

async function expectPortalWorks(portal: Portal) {
  const readiness = await fetch(
    `${portal.baseUrl}/.backstage/health/v1/readiness`,
  );
  expect(readiness.status).toBe(200);
  expect(await readiness.json()).toEqual({ status: 'ok' });

  // Unauthenticated calls are refused; the guest token is accepted.
  const anonymous = await fetch(
    `${portal.baseUrl}/api/catalog/entities?limit=1`,
  );
  expect(anonymous.status).toBe(401);
  const token = await portal.guestToken();
  await expectExamplesInCatalog(portal, token);

  // The guest is the example user, a member of platform-team.
  const storefront = await getJson(
    portal,
    token,
    '/api/catalog/entities/by-name/component/default/storefront',
  );
  expect(storefront.spec.owner).toBe('group:default/platform-team');

  // Search: the catalog collator has indexed the examples.
  const hits = await waitFor(
    'search results',
    async () => {
      const body = await getJson(
        portal,
        token,
        '/api/search/query?term=checkout',
      );
      return body.results.length > 0 ? body.results : undefined;
    },
    90_000,
  );
  expect(hits.map((r: any) => r.document.title)).toContain('checkout-service');

  // MCP actions backend answers an MCP client with the registered actions.
  const mcp = await fetch(`${portal.baseUrl}/api/mcp-actions/v1`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  expect(mcp.status).toBe(200);
  const mcpText = await mcp.text();
  const data = mcpText.split('\n').find(l => l.startsWith('data: '));
  const tools = JSON.parse(data ? data.slice(6) : mcpText).result.tools;
  const toolNames = tools.map((t: any) => t.name);
  expect(toolNames).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/catalog|entity/i),
      // The Planner's operations, for AI clients.
      expect.stringMatching(/create-workflow/),
      expect.stringMatching(/get-workflow/),
      expect.stringMatching(/list-workflows/),
      // The Remediation agent's.
      expect.stringMatching(/analyze-job-log/),
      expect.stringMatching(/list-remediations/),
      // The Policy agent's.
      expect.stringMatching(/list-policy-findings/),
    ]),
  );

  // The Remediation agent diagnoses a log with the repository's playbooks.
  const diagnosis = await fetch(`${portal.baseUrl}/api/remediation/analyze`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
    body: "E   ModuleNotFoundError: No module named 'yaml'\n",
  });
  expect(await diagnosis.json()).toMatchObject({
    category: 'missing_python_package',
    playbookId: 'pb-dep-001',
  });
  expect(await getJson(portal, token, '/api/remediation/stats')).toHaveProperty(
    'successRate',
  );

  // The Policy agent loaded the repository's rules and answers its report.
  expect(await getJson(portal, token, '/api/policy/report')).toMatchObject({
    frameworks: expect.any(Array),
    rows: expect.any(Array),
  });

  // Notifications and signals are mounted.
  const notifications = await getJson(portal, token, '/api/notifications/');
  expect(notifications).toHaveProperty('notifications');
  return token;
}

describe('the portal backend', () => {
  describe('on SQLite files (the embedded default)', () => {
    let dataDir: string;
    let portal: Portal | undefined;
    beforeAll(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-portal-'));
    });
    afterAll(async () => {
      await portal?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    const database = () => ({
      client: 'better-sqlite3',
      connection: { directory: dataDir },
    });

    it('starts, signs in a guest and lists the example catalog', async () => {
      portal = await startPortal({ database: database() });
      await expectPortalWorks(portal);
      expect(fs.readdirSync(dataDir)).toContain('catalog.sqlite');
    });

    it('keeps its data across a restart', async () => {
      // A user setting (the starred entities of the home page live there too).
      const token = await portal!.guestToken();
      const settingUrl =
        '/api/user-settings/buckets/agentic/keys/restart-check';
      const saved = await fetch(`${portal!.baseUrl}${settingUrl}`, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ value: 'kept' }),
      });
      expect(saved.status).toBe(200);

      await portal!.stop();
      portal = await startPortal({ database: database() });
      const again = await portal.guestToken();
      expect(await getJson(portal, again, settingUrl)).toMatchObject({
        value: 'kept',
      });
    });
  });

  const describePostgres =
    pgConnection || requirePostgres ? describe : describe.skip;
  describePostgres('on PostgreSQL', () => {
    const prefix = `itest_${process.pid}_${Date.now() % 100000}_`;
    let portal: Portal | undefined;

    afterAll(async () => {
      await portal?.stop();
      if (!pgConnection) return;
      const admin = knexFactory({ client: 'pg', connection: pgConnection });
      try {
        const { rows } = await admin.raw(
          'select datname from pg_database where datname like ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows) {
          await admin.raw('drop database if exists ?? with (force)', [datname]);
        }
      } finally {
        await admin.destroy();
      }
    });

    it('starts, signs in a guest and lists the example catalog', async () => {
      if (!pgConnection) {
        throw new Error(
          'AGENTIC_TEST_REQUIRE_POSTGRES=1 but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
        );
      }
      const database: JsonObject = {
        client: 'pg',
        connection: pgConnection,
        prefix,
      };
      portal = await startPortal({ database });
      await expectPortalWorks(portal);
      // Search runs on the pg engine, in the search plugin's own database.
      expect(portal.output()).not.toContain(
        'Postgres search engine is not supported',
      );

      const admin = knexFactory({ client: 'pg', connection: pgConnection });
      try {
        const { rows } = await admin.raw(
          'select datname from pg_database where datname like ?',
          [`${prefix}%`],
        );
        expect(rows.map((r: any) => r.datname)).toEqual(
          expect.arrayContaining([`${prefix}catalog`, `${prefix}search`]),
        );
      } finally {
        await admin.destroy();
      }
    });
  });
});
