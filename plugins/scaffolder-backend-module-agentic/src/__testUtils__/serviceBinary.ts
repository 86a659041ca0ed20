import { spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { collectResult, CommandResult } from './runCommand';
import { serviceTestEnv } from './serviceTestEnv';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * Starts a generated service's binary on a free port (PORT), with
 * serviceTestEnv(env), and waits until /health answers. stop() sends SIGTERM
 * and resolves with how it exited.
 */
export async function startServiceBinary(
  binary: string,
  env: Record<string, string>,
): Promise<{ url: string; stop(): Promise<CommandResult> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, [], {
    env: serviceTestEnv({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let startError: Error | undefined;
  child.on('error', error => (startError = error));
  const exited = collectResult(child);

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (startError) {
      throw new Error(`${binary} did not start: ${startError.message}`);
    }
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
      const { stderr } = await exited;
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
