// What go.test.ts needs to render a Go service and run it against real
// storage: a throwaway PostgreSQL database, the service's own commands and
// its binary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { TEMPLATES_DIR, renderSkeleton } from './renderSkeleton';

export type GoDatabase = 'none' | 'postgresql' | 'dynamodb';

export const REPOSITORY_ROOT = path.resolve(TEMPLATES_DIR, '..');

const TEMPLATE = 'microservice';

/**
 * Renders a Go service as a template run does: the common skeleton (once it
 * exists), then the Go one, into `<workspace>/<targetPath>`.
 */
export async function renderGoService(options: {
  workspace: string;
  targetPath: string;
  database: GoDatabase;
}): Promise<string> {
  const values = {
    name: 'orders-api',
    description: 'Orders of the payments team',
    owner: 'group:default/payments-team',
    system: 'system:default/payments',
    language: 'go',
    database: options.database,
    apiType: 'rest',
    port: 8080,
    gitlabProject: '',
  };
  for (const skeleton of ['common', 'go']) {
    const url = `./skeletons/${skeleton}`;
    if (fs.existsSync(path.join(TEMPLATES_DIR, TEMPLATE, url))) {
      await renderSkeleton({
        template: TEMPLATE,
        url,
        values,
        workspace: options.workspace,
        targetPath: options.targetPath,
      });
      // The mock action context's temporary directory is the workspace
      // itself: fetch:template leaves its raw copy of the skeleton there.
      fs.rmSync(path.join(options.workspace, 'template'), {
        recursive: true,
        force: true,
      });
    }
  }
  return path.join(options.workspace, options.targetPath);
}

/** The files under dir, relative, with `/` separators. */
export function listRendered(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry =>
      path
        .relative(dir, path.join(entry.parentPath, entry.name))
        .split(path.sep)
        .join('/'),
    );
}

export type RunResult = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
};

// Storage settings never leak from the environment jest runs in: each
// command gets exactly the ones a test gives it.
const STORAGE_VARIABLES = [
  'DATABASE_URL',
  'DYNAMODB_ENDPOINT',
  'DYNAMODB_TABLE',
  'GOFLAGS',
];

function commandEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of STORAGE_VARIABLES) {
    delete base[name];
  }
  return { ...base, ...env };
}

/** Runs a command to completion; never throws on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: commandEnv(options.env ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr }),
    );
  });
}

const POSTGRES_ADMIN_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:42019/postgres';

/**
 * A PostgreSQL database of its own on the development server, created on
 * first use and dropped by drop().
 */
export function postgresDatabase() {
  const name = `go_skeleton_${process.pid}_${Date.now()}`;
  let created: Promise<string> | undefined;

  const databaseUrl = () => {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    // The development server has no TLS; lib/pq requires it by default.
    url.searchParams.set('sslmode', 'disable');
    return url.toString();
  };
  const psql = async (url: string, sql: string) => {
    const result = await run('psql', [url, '-Atqc', sql], { cwd: '/' });
    if (result.code !== 0) {
      throw new Error(`psql ${sql}: ${result.stderr}`);
    }
    return result.stdout.trim();
  };

  return {
    url(): Promise<string> {
      created ??= psql(POSTGRES_ADMIN_URL, `CREATE DATABASE "${name}"`).then(
        databaseUrl,
      );
      return created;
    },
    async query(sql: string): Promise<string> {
      return psql(await this.url(), sql);
    },
    async drop(): Promise<void> {
      if (created) {
        await created;
        await psql(
          POSTGRES_ADMIN_URL,
          `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
        );
      }
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * Starts the service's binary on a free port and waits until /health
 * answers. stop() sends SIGTERM and resolves with how it exited.
 */
export async function startService(
  binary: string,
  env: Record<string, string>,
): Promise<{ url: string; stop(): Promise<RunResult> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, [], {
    env: commandEnv({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', chunk => (stdout += chunk));
  child.stderr.on('data', chunk => (stderr += chunk));
  const exited = new Promise<RunResult>(resolve =>
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr }),
    ),
  );

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const result = await exited;
      throw new Error(
        `${binary} exited before serving (${result.code ?? result.signal}): ${
          result.stderr
        }`,
      );
    }
    const healthy = await fetch(`${url}/health`).then(
      res => res.ok,
      () => false,
    );
    if (healthy) {
      break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${binary} did not answer /health in 30 s: ${stderr}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }

  return {
    url,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
