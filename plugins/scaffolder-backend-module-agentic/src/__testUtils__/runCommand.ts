import { ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** How a command ended and what it printed. */
export type CommandResult = {
  /** The exit code; null when a signal ended the command. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout, then stderr. */
  output: string;
};

/** What a spawned command prints, once it has ended. */
export function collectResult(
  child: ChildProcessByStdio<null, Readable, Readable>,
): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk));
  return new Promise(resolve =>
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, output: `${stdout}${stderr}` }),
    ),
  );
}

const DEFAULT_TIMEOUT_MS = 240_000;

/**
 * Runs a command to completion and resolves with how it ended, whatever its
 * exit code: tests assert on failures too. Rejects when the command cannot
 * start or runs past `timeoutMs` (then it is killed): neither is a result a
 * test could mean.
 */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const commandLine = [command, ...args].join(' ');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout,
  });
  const notStarted = new Promise<never>((_, reject) =>
    child.on('error', error =>
      reject(new Error(`${commandLine} did not start: ${error.message}`)),
    ),
  );
  const result = await Promise.race([collectResult(child), notStarted]);
  // Only the timeout kills it.
  if (child.killed) {
    throw new Error(
      `${commandLine} did not finish in ${timeout / 1000} s:\n${result.output}`,
    );
  }
  return result;
}

/** Fails, showing the command's output, unless it exited 0. */
export function expectSuccess(result: CommandResult): void {
  if (result.code !== 0) {
    throw new Error(
      `exited with ${result.code ?? result.signal}:\n${result.output}`,
    );
  }
}
