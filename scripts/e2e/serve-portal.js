#!/usr/bin/env node
// Serves the built app from the real backend (app-backend) on 127.0.0.1, for
// the browser tests: `node scripts/e2e/serve-portal.js <port>`. The database
// is in-memory SQLite, so every run starts from the example catalog.
require('@backstage/cli/config/nodeTransform.cjs');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {
  startPortal,
} = require('../../packages/backend/src/__testUtils__/startPortal');

const port = Number(process.argv[2] || process.env.PORT || 7077);

// The repositories agentic:publish:local creates: throwaway, like the database.
const repositories = fs.mkdtempSync(
  path.join(os.tmpdir(), 'agentic-e2e-repositories-'),
);
const removeRepositories = () =>
  fs.rmSync(repositories, { recursive: true, force: true });

startPortal({
  port,
  database: { client: 'better-sqlite3', connection: ':memory:' },
  overrides: { scaffolder: { localPublish: { directory: repositories } } },
}).then(
  portal => {
    console.log(`portal ready at ${portal.baseUrl}`);
    const stop = () =>
      portal.stop().then(() => {
        removeRepositories();
        process.exit(0);
      });
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  },
  error => {
    console.error(String(error));
    removeRepositories();
    process.exit(1);
  },
);
