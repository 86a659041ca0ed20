// The Planner through the portal's REST API, on SQLite and on PostgreSQL
// (a throwaway server from scripts/postgres.sh):
// - create latency with 100 concurrent clients, each creating a workflow
//   about once a second (open loop: ~100 creates/s arrive whatever the
//   latency), on a replica that serves the API only (planner.worker.enabled
//   false), so that the figure is the API's and not the task runner's;
// - the same clients without pauses (closed loop): the most creates per
//   second one backend process takes, and the latency at that load;
// - no-op tasks completed per second: one workflow of 2,000 parallel tasks on
//   a replica with the worker on.
require('@backstage/cli/config/nodeTransform.cjs');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  startPortal,
} = require('../../packages/backend/src/__testUtils__/startPortal');

const CLIENTS = 100;
const OPEN_LOOP_SECONDS = 15;
const CLOSED_LOOP_CREATES = 10;
const NOOP_TASKS = 2000;

const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function client(portal) {
  const token = await portal.guestToken();
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  const api = `${portal.baseUrl}/api/planner`;
  return {
    headers,
    api,
    async create(body) {
      const t0 = performance.now();
      const res = await fetch(`${api}/workflows`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status !== 201)
        throw new Error(`create failed: ${res.status} ${JSON.stringify(json)}`);
      return { ms: performance.now() - t0, workflow: json };
    },
  };
}

async function createLatency(database) {
  const portal = await startPortal({
    database,
    overrides: { planner: { worker: { enabled: false } } },
  });
  try {
    const c = await client(portal);
    // Let start-up work settle (catalog ingestion, first search indexing).
    await sleep(15_000);
    for (let i = 0; i < 200; i++) await c.create({ definition: 'core.noop' }); // warm-up

    const open = [];
    const end = performance.now() + OPEN_LOOP_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        await sleep(Math.random() * 1000);
        while (performance.now() < end) {
          const next = performance.now() + 500 + Math.random() * 1000; // ~1/s each
          open.push((await c.create({ definition: 'core.noop' })).ms);
          await sleep(Math.max(0, next - performance.now()));
        }
      }),
    );
    open.sort((a, b) => a - b);

    const closed = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = 0; i < CLOSED_LOOP_CREATES; i++)
          closed.push((await c.create({ definition: 'core.noop' })).ms);
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    closed.sort((a, b) => a - b);
    return {
      openRate: (open.length / OPEN_LOOP_SECONDS).toFixed(0),
      openP50: pct(open, 50).toFixed(1),
      openP99: pct(open, 99).toFixed(1),
      closedRate: (closed.length / seconds).toFixed(0),
      closedP50: pct(closed, 50).toFixed(0),
      closedP99: pct(closed, 99).toFixed(0),
    };
  } finally {
    await portal.stop();
  }
}

async function taskThroughput(database) {
  const portal = await startPortal({ database });
  try {
    const c = await client(portal);
    await c.create({ definition: 'core.noop', parameters: { tasks: 50 } }); // warm-up
    await sleep(2000);
    const t0 = performance.now();
    const { workflow } = await c.create({
      definition: 'core.noop',
      parameters: { tasks: NOOP_TASKS },
    });
    for (;;) {
      const res = await fetch(
        `${c.api}/workflows?definition=core.noop&status=succeeded&limit=1`,
        { headers: c.headers },
      );
      if ((await res.json()).items[0]?.id === workflow.id) break;
      await sleep(50);
    }
    return (NOOP_TASKS / ((performance.now() - t0) / 1000)).toFixed(0);
  } finally {
    await portal.stop();
  }
}

async function onDatabase(name, database) {
  const latency = await createLatency(database());
  const tasks = await taskThroughput(database());
  return {
    [`${name}: create p50 / p99 (ms), ${CLIENTS} clients at ~1/s`]: `${latency.openP50} / ${latency.openP99} (${latency.openRate} creates/s)`,
    [`${name}: create saturated, ${CLIENTS} clients`]: `${latency.closedRate} creates/s, p50 / p99 ${latency.closedP50} / ${latency.closedP99} ms`,
    [`${name}: no-op tasks completed per second`]: tasks,
  };
}

exports.run = async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-bench-'));
  let n = 0;
  const figures = {};
  try {
    Object.assign(
      figures,
      await onDatabase('SQLite', () => ({
        client: 'better-sqlite3',
        connection: { directory: path.join(scratch, `sqlite-${n++}`) },
      })),
    );
    const script = path.resolve(__dirname, '../postgres.sh');
    // Not under scratch: the server's unprivileged user must reach its folder.
    const env = {
      ...process.env,
      AGENTIC_PG_STATE: path.join(
        os.tmpdir(),
        `agentic-bench-postgres-${process.pid}`,
      ),
    };
    const url = execFileSync(script, ['start'], {
      env,
      encoding: 'utf8',
    }).trim();
    try {
      Object.assign(
        figures,
        await onDatabase('PostgreSQL', () => ({
          client: 'pg',
          connection: url,
          prefix: `bench${n++}_`,
        })),
      );
    } finally {
      execFileSync(script, ['stop'], { env, stdio: 'ignore' });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return figures;
};
