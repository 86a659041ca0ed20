import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export interface DoctorCheck {
  name: string;
  /** Required checks fail the command; the others only inform. */
  required: boolean;
  run(): { ok: boolean; detail: string };
}

function firstLine(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (result.error || result.status !== 0) {
    return undefined;
  }
  return `${result.stdout}${result.stderr}`.trim().split('\n')[0];
}

function commandCheck(
  name: string,
  command: string,
  args: string[],
  required: boolean,
  why: string,
): DoctorCheck {
  return {
    name,
    required,
    run: () => {
      const version = firstLine(command, args);
      return version
        ? { ok: true, detail: version }
        : { ok: false, detail: `${command} not found: ${why}` };
    },
  };
}

export const doctorChecks: DoctorCheck[] = [
  {
    name: 'Node.js',
    required: true,
    run: () => {
      const major = Number(process.versions.node.split('.')[0]);
      return {
        ok: major >= 22,
        detail: `${process.version} at ${process.execPath}${
          major >= 22
            ? ''
            : ' (Backstage needs 22 or 24: run make start or bin/agentic)'
        }`,
      };
    },
  },
  commandCheck(
    'Yarn',
    'yarn',
    ['--version'],
    true,
    'enable it through corepack (scripts/toolchain.sh)',
  ),
  commandCheck(
    'PostgreSQL server',
    'initdb',
    ['--version'],
    false,
    'make test runs the PostgreSQL tests with it',
  ),
  {
    name: 'Chromium',
    required: false,
    run: () =>
      fs.existsSync('/usr/bin/chromium')
        ? {
            ok: true,
            detail:
              firstLine('/usr/bin/chromium', ['--version']) ??
              '/usr/bin/chromium',
          }
        : {
            ok: false,
            detail:
              '/usr/bin/chromium not found: make test installs it with apt for the browser tests',
          },
  },
  commandCheck(
    'git',
    'git',
    ['--version'],
    false,
    'local git repositories stand in for GitLab',
  ),
];

/** Prints one line per check; returns the exit code. */
export function runDoctor(
  checks: DoctorCheck[],
  out: (line: string) => void,
): number {
  let failed = 0;
  for (const check of checks) {
    const { ok, detail } = check.run();
    let mark = 'ok  ';
    if (!ok) {
      mark = check.required ? 'FAIL' : 'warn';
    }
    out(`${mark} ${check.name}: ${detail}`);
    if (!ok && check.required) {
      failed += 1;
    }
  }
  return failed ? 1 : 0;
}

export function registerDoctorCommand(program: Command) {
  program
    .command('doctor')
    .description(
      'Check that this machine has what the portal and its tests need',
    )
    .action(() => {
      process.exitCode = runDoctor(doctorChecks, line =>
        process.stdout.write(`${line}\n`),
      );
    });
}
