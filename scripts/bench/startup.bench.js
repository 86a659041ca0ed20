// The portal backend on the embedded defaults (fresh SQLite files): time to
// readiness, time until the example catalog is listed, query latency and
// resident memory.
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  startPortal,
  waitFor,
} = require('../../packages/backend/src/__testUtils__/startPortal');

function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
  return (kib / 1024).toFixed(0);
}

exports.run = async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-bench-'));
  const t0 = performance.now();
  const portal = await startPortal({
    database: { client: 'better-sqlite3', connection: { directory: dataDir } },
  });
  const ready = performance.now();
  try {
    const token = await portal.guestToken();
    const headers = { Authorization: `Bearer ${token}` };
    await waitFor(
      'the example catalog',
      async () => {
        const response = await fetch(
          `${portal.baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=50`,
          { headers },
        );
        const body = await response.json();
        return body.items?.some(e => e.metadata.name === 'checkout-service')
          ? true
          : undefined;
      },
      120_000,
    );
    const listed = performance.now();
    const samples = [];
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      await fetch(`${portal.baseUrl}/api/catalog/entities/by-query?limit=50`, {
        headers,
      });
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return {
      'start to readiness (ms)': (ready - t0).toFixed(0),
      'start to example catalog listed (ms)': (listed - t0).toFixed(0),
      'catalog query p50 / p95 (ms)': `${samples[25].toFixed(
        1,
      )} / ${samples[47].toFixed(1)}`,
      'backend RSS after start (MiB)': rssMiB(portal.pid),
    };
  } finally {
    await portal.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};
