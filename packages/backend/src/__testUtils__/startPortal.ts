import { JsonObject } from '@backstage/types';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

/** The repository root, whatever the working directory. */
export const repoRoot = path.resolve(__dirname, '../../../..');
const backendDir = path.join(repoRoot, 'packages/backend');

export interface StartPortalOptions {
  /** backend.database; defaults to the embedded SQLite files of app-config.yaml. */
  database?: JsonObject;
  /** Further config, applied last. */
  overrides?: JsonObject;
  /** Port to listen on (127.0.0.1); a free one by default. */
  port?: number;
  /** Extra environment for the backend process. */
  env?: Record<string, string>;
}

export interface Portal {
  baseUrl: string;
  /** The backend's process id. */
  pid: number;
  /** Everything the backend process printed so far. */
  output(): string;
  stop(): Promise<void>;
  /** A user token from the guest sign-in, as the browser gets it. */
  guestToken(): Promise<string>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `Timed out waiting for ${what}${lastError ? `: ${lastError}` : ''}`,
  );
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise(resolve => child.once('exit', () => resolve()));
}

/**
 * Starts the real backend, `packages/backend/src/index.ts` in its own
 * process as `yarn start` runs it (from packages/backend, so the relative
 * paths in app-config.yaml hold), with app-config.yaml and a generated last
 * config file that binds it to 127.0.0.1 on a free port.
 */
export async function startPortal(
  options: StartPortalOptions = {},
): Promise<Portal> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const scratch = fs.mkdtempSync(
    path.join(os.tmpdir(), 'agentic-portal-config-'),
  );
  const overrideFile = path.join(scratch, 'app-config.test.yaml');
  fs.writeFileSync(
    overrideFile,
    stringify({
      app: { baseUrl },
      backend: {
        baseUrl,
        listen: { host: '127.0.0.1', port },
        cors: { origin: baseUrl },
        ...(options.database ? { database: options.database } : {}),
      },
      ...options.overrides,
    }),
  );

  let output = '';
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      overrideFile,
    ],
    {
      cwd: backendDir,
      env: { ...process.env, NODE_ENV: 'development', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited(child);
      clearTimeout(timer);
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  };

  try {
    const state = await waitFor(
      'readiness',
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          return 'exited';
        }
        const response = await fetch(
          `${baseUrl}/.backstage/health/v1/readiness`,
        );
        return response.ok ? 'ready' : undefined;
      },
      120_000,
    );
    if (state === 'exited') {
      throw new Error(`the backend exited with code ${child.exitCode}`);
    }
  } catch (error) {
    await stop();
    throw new Error(`${error}\n--- backend output ---\n${output.slice(-4000)}`);
  }

  return {
    baseUrl,
    pid: child.pid!,
    output: () => output,
    stop,
    async guestToken() {
      const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      if (!response.ok) {
        throw new Error(
          `guest sign-in failed: ${response.status} ${await response.text()}`,
        );
      }
      const body = await response.json();
      return body.backstageIdentity.token as string;
    },
  };
}
