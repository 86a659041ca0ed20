import { LineSplitter } from '@agentic-devops/plugin-remediation-node';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';
import { JobLogWriter } from './JobLogWriter';

export type JobOutcome =
  | { kind: 'success' }
  /** The script exited non-zero (`allowed`: the job may fail). */
  | { kind: 'failed'; exitCode: number; allowed: boolean }
  | { kind: 'timeout' }
  | { kind: 'canceled' }
  /** gitlab-ci-local itself failed; its last words say why. */
  | { kind: 'runner_error'; message: string };

export interface RunJobOptions {
  bin: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  checkout: string;
  jobName: string;
  timeoutSeconds: number;
  log: JobLogWriter;
  signal: AbortSignal;
  /** gitlab-ci-local keeps its own copy of the log; it is emptied this often. */
  truncateOwnLogEveryBytes: number;
}

const KILL_GRACE_MS = 5000;
const RUNNER_OUTPUT_LINES = 20;

/** gitlab-ci-local's line that ends a failed job: `<job> finished in 1 s  FAIL 3`. */
const FINISHED = /^finished in .*\s(FAIL|WARN) (\d+)\s*$/;

/**
 * Runs one job of the checkout's pipeline with gitlab-ci-local, in its own
 * process group so that a timeout or cancel stops everything the job
 * started. Its output goes to the job log without gitlab-ci-local's
 * `<job> >` prefixes.
 */
export async function runJob(options: RunJobOptions): Promise<JobOutcome> {
  const { log, jobName } = options;
  const child = spawn(
    process.execPath,
    [options.bin, ...options.args, jobName],
    {
      cwd: options.checkout,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

  let reported: { exitCode: number; allowed: boolean } | undefined;
  const runnerOutput: string[] = [];
  const prefix = `${jobName} `;
  const onLine = (line: string) => {
    if (!line.startsWith(prefix)) {
      runnerOutput.push(line);
      if (runnerOutput.length > RUNNER_OUTPUT_LINES) runnerOutput.shift();
      return;
    }
    const rest = line.slice(prefix.length);
    if (rest === '>' || rest.startsWith('> ')) {
      log.line(rest.slice(2));
      return;
    }
    const end = FINISHED.exec(rest);
    if (end) {
      reported = {
        exitCode: Number(end[2]),
        allowed: end[1] === 'WARN',
      };
    } else if (!/^(starting |finished in )/.test(rest)) {
      log.line(rest); // `$ command` lines and gitlab-ci-local's notes
    }
  };

  const ownLogDir = path.join(options.checkout, '.gitlab-ci-local', 'output');
  let sinceTruncate = 0;
  const splitters = [child.stdout, child.stderr].map(stream => {
    const splitter = new LineSplitter(onLine);
    stream.on('data', (chunk: Buffer) => {
      splitter.push(chunk);
      sinceTruncate += chunk.length;
      if (sinceTruncate > options.truncateOwnLogEveryBytes) {
        sinceTruncate = 0;
        void truncateFiles(ownLogDir);
      }
    });
    return { stream, splitter };
  });

  let stopped: 'timeout' | 'canceled' | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (why: 'timeout' | 'canceled') => {
    if (stopped) return;
    stopped = why;
    killGroup(child.pid, 'SIGTERM');
    killTimer = setTimeout(
      () => killGroup(child.pid, 'SIGKILL'),
      KILL_GRACE_MS,
    );
  };
  const timer = setTimeout(
    () => stop('timeout'),
    options.timeoutSeconds * 1000,
  );
  const onAbort = () => stop('canceled');
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) onAbort();

  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', code => resolve(code));
    });
    // Output still in the pipes; a background process the job left behind
    // may hold them open, so do not wait for it long.
    await Promise.race([
      Promise.all(
        splitters.map(({ stream }) => finished(stream).catch(() => {})),
      ),
      new Promise(resolve => setTimeout(resolve, 2000).unref()),
    ]);
    splitters.forEach(({ splitter }) => splitter.end());

    if (stopped) return { kind: stopped };
    if (reported) return { kind: 'failed', ...reported };
    if (exitCode === 0) return { kind: 'success' };
    return {
      kind: 'runner_error',
      message:
        runnerOutput
          .filter(l => l.trim())
          .slice(-5)
          .join('\n') || `gitlab-ci-local exited with ${exitCode}`,
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(killTimer);
    options.signal.removeEventListener('abort', onAbort);
    // What the job left running goes with it, as on a GitLab runner.
    killGroup(child.pid, 'SIGKILL');
    splitters.forEach(({ stream }) => stream.destroy());
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

async function truncateFiles(dir: string) {
  try {
    for (const name of await fs.readdir(dir)) {
      await fs.truncate(path.join(dir, name), 0);
    }
  } catch {
    // nothing to truncate yet
  }
}
