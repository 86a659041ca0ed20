import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  microserviceValues,
  renderMicroservice,
  ServiceDatabase,
} from './renderMicroservice';
import { TEMPLATES_DIR } from './renderSkeleton';
import { runCommand } from './runCommand';

// The Node.js skeleton's lockfiles: what its test checks them against, and
// how to write them again after a change of its dependencies.

const NODEJS_SKELETON = path.join(
  TEMPLATES_DIR,
  'microservice',
  'skeletons',
  'nodejs',
);

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
 * The skeleton's lockfile of one database: a file whose name renders to
 * `package-lock.json` for that database and to nothing (not written) for
 * the others.
 */
export const lockfileTemplate = (database: ServiceDatabase) =>
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
  database: ServiceDatabase,
  workspace: string,
): Promise<void> {
  await renderMicroservice({
    workspace,
    skeletons: ['nodejs'],
    values: microserviceValues('nodejs', database, { name: PLACEHOLDER_NAME }),
  });
  fs.rmSync(path.join(workspace, 'package-lock.json'), { force: true });
  const result = await runCommand(
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
