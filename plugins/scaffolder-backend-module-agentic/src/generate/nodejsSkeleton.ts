import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderSkeleton, TEMPLATES_DIR } from './renderSkeleton';

// What the Node.js skeleton's test needs besides the test itself: rendering,
// running commands, and keeping the skeleton's lockfiles current.

export const NODEJS_SKELETON = path.join(
  TEMPLATES_DIR,
  'microservice',
  'skeletons',
  'nodejs',
);

export const DATABASES = ['postgresql', 'dynamodb', 'none'] as const;
export type Database = (typeof DATABASES)[number];

export const nodejsValues = (database: Database, name = 'orders-api') => ({
  name,
  description: 'Keeps "orders" for the shop',
  owner: 'group:default/payments-team',
  system: 'system:default/payments',
  language: 'nodejs',
  database,
  apiType: 'rest',
  port: 8080,
  gitlabProject: '',
});

/**
 * npm's settings for the generated services' installs: one download cache
 * for every run (it outlives the test's folders), no audit, no fund.
 */
export const NPM_ENV: Record<string, string> = {
  npm_config_cache: path.join(os.tmpdir(), 'agentic-skeleton-npm-cache'),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/**
 * Renders a skeleton of the microservice template into `workspace`, as a
 * template run does. The mock action context renderSkeleton uses gives
 * fetch:template the workspace as its temporary folder, so the raw skeleton
 * lands in `<workspace>/template`: removed here, a real run has no such
 * folder.
 */
export async function renderMicroservice(
  workspace: string,
  url: string,
  values: Record<string, unknown>,
): Promise<void> {
  await renderSkeleton({ template: 'microservice', url, values, workspace });
  fs.rmSync(path.join(workspace, 'template'), { recursive: true, force: true });
}

/** Runs a command; resolves with its exit code and output, never rejects on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; output: string }> {
  return new Promise(resolve => {
    execFile(
      command,
      args,
      { ...options, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) code = typeof error.code === 'number' ? error.code : 1;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/**
 * The skeleton's lockfile of one database: a file whose name renders to
 * `package-lock.json` for that database and to nothing (not written) for
 * the others.
 */
export const lockfileTemplate = (database: Database) =>
  path.join(
    NODEJS_SKELETON,
    `\${{ 'package-lock.json' if values.database == '${database}' }}`,
  );

const PLACEHOLDER_NAME = 'skeleton-lockfile-placeholder';

/**
 * Writes the skeleton's lockfile of `database` from its package.json, so
 * that `npm ci` (make test, the Dockerfile) installs exactly the versions
 * tested. Registry addresses are left out (`resolved`): the installing
 * machine's registry applies. Run by the test with UPDATE_NODEJS_LOCKFILES=1
 * after a change of the dependencies.
 */
export async function updateLockfile(
  database: Database,
  workspace: string,
): Promise<void> {
  await renderMicroservice(
    workspace,
    './skeletons/nodejs',
    nodejsValues(database, PLACEHOLDER_NAME),
  );
  fs.rmSync(path.join(workspace, 'package-lock.json'), { force: true });
  const result = await run(
    'npm',
    [
      'install',
      '--package-lock-only',
      '--ignore-scripts',
      '--omit-lockfile-registry-resolved',
    ],
    { cwd: workspace, env: { ...process.env, ...NPM_ENV } },
  );
  if (result.code !== 0) {
    throw new Error(`npm install --package-lock-only failed: ${result.output}`);
  }
  const lockfile = fs
    .readFileSync(path.join(workspace, 'package-lock.json'), 'utf8')
    .replaceAll(
      `"name": "${PLACEHOLDER_NAME}"`,
      '"name": "${{ values.name }}"',
    );
  if (lockfile.includes(PLACEHOLDER_NAME) || lockfile.includes('"resolved"')) {
    throw new Error(`unexpected lockfile for ${database}: ${lockfile}`);
  }
  fs.writeFileSync(lockfileTemplate(database), lockfile);
}
