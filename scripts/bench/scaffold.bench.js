// The microservice template through the scaffolder's REST API, on the
// embedded defaults in a throwaway data folder (SQLite files and the local
// repositories): per run, the time from submitting the task to the new
// component being in the catalog, and to the task completing (which also
// waits for the scaffold.service workflow). Target: < 15 s to the catalog.
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  startPortal,
} = require('../../packages/backend/src/__testUtils__/startPortal');
const {
  callPortal,
  runEvents,
  submitMicroservice,
  waitForMicroserviceTemplate,
} = require('../../packages/backend/src/__testUtils__/portalApi');
const RUNS = [
  { language: 'python', database: 'none' },
  { language: 'nodejs', database: 'none' },
  { language: 'go', database: 'none' },
  { language: 'python', database: 'none' },
];
const RUN_TIMEOUT_MS = 180_000;
const POLL_MS = 100;

const sleep = ms => new Promise(r => setTimeout(r, ms));
const seconds = ms => (ms / 1000).toFixed(1);

const api = callPortal;

/** The log lines of a failed task, for the error message. */
async function taskLog(portal, token, taskId) {
  return (await runEvents(portal, token, taskId))
    .map(e => e.body?.message)
    .filter(Boolean)
    .slice(-15)
    .join('\n');
}

/** Submits one run and times it until the catalog has the component and the task ends. */
async function scaffold(portal, token, name, { language, database }) {
  const t0 = performance.now();
  const taskId = await submitMicroservice(portal, token, {
    name,
    description: `Benchmark service ${name}`,
    owner: 'group:default/payments-team',
    language,
    database,
    apiType: 'rest',
    publishTo: 'local',
  });
  let inCatalogMs;
  let taskMs;
  const deadline = performance.now() + RUN_TIMEOUT_MS;
  while (inCatalogMs === undefined || taskMs === undefined) {
    if (performance.now() > deadline) {
      throw new Error(`${name}: no result within ${RUN_TIMEOUT_MS / 1000} s`);
    }
    const [entity, task] = await Promise.all([
      inCatalogMs === undefined
        ? api(
            portal,
            token,
            'GET',
            `/catalog/entities/by-name/component/default/${name}`,
          )
        : undefined,
      taskMs === undefined
        ? api(portal, token, 'GET', `/scaffolder/v2/tasks/${taskId}`)
        : undefined,
    ]);
    const now = performance.now();
    if (entity?.status === 200) inCatalogMs = now - t0;
    const status = task?.body.status;
    if (status === 'completed') taskMs = now - t0;
    if (status === 'failed' || status === 'cancelled') {
      throw new Error(
        `${name}: the task ${status}:\n${await taskLog(portal, token, taskId)}`,
      );
    }
    if (inCatalogMs === undefined || taskMs === undefined) await sleep(POLL_MS);
  }
  return { inCatalogMs, taskMs };
}

exports.run = async () => {
  const dataDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'agentic-bench-scaffold-'),
  );
  const portal = await startPortal({
    database: {
      client: 'better-sqlite3',
      connection: { directory: path.join(dataDir, 'sqlite') },
    },
    overrides: {
      scaffolder: {
        localPublish: { directory: path.join(dataDir, 'repositories') },
      },
      remediation: {
        local: { dataDirectory: path.join(dataDir, 'remediation') },
      },
    },
  });
  try {
    const token = await portal.guestToken();
    // The template and the owner come from the catalog's file locations.
    await waitForMicroserviceTemplate(portal, token);

    const figures = {};
    const toCatalog = [];
    const seen = {};
    for (const run of RUNS) {
      seen[run.language] = (seen[run.language] ?? 0) + 1;
      const label = `${run.language}/${run.database} #${seen[run.language]}`;
      const name = `bench-${run.language}-${seen[run.language]}`;
      const { inCatalogMs, taskMs } = await scaffold(portal, token, name, run);
      toCatalog.push(inCatalogMs);
      figures[`${label}: to catalog / task done (s)`] = `${seconds(
        inCatalogMs,
      )} / ${seconds(taskMs)}`;
    }
    const worst = Math.max(...toCatalog);
    figures['to catalog, worst (target < 15 s)'] = `${seconds(worst)} ${
      worst < 15_000 ? '(met)' : '(MISSED)'
    }`;
    return figures;
  } finally {
    await portal.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
