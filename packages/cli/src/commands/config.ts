import { Command } from 'commander';
import path from 'node:path';
import {
  formatConfigProblems,
  loadCheckedConfig,
} from '@agentic-devops/deployment-config';
import { findRepoRoot } from '../lib/repoRoot';

export interface ConfigCheckOptions {
  config: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
}

/** Runs the backend's start-up check on config files; returns the exit code. */
export async function runConfigCheck(
  options: ConfigCheckOptions,
  out: (line: string) => void,
): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const files = options.config.map(file => path.resolve(cwd, file));
  const { config, problems } = await loadCheckedConfig({
    rootDir: findRepoRoot(cwd),
    argv: files.flatMap(file => ['--config', file]),
    env: options.env,
    watch: false,
  });
  config.close();
  if (problems.length > 0) {
    out(formatConfigProblems(problems));
    return 1;
  }
  const database = config.getString('backend.database.client');
  out(
    `Configuration OK (${
      files.length
        ? files.map(f => path.relative(cwd, f)).join(', ')
        : 'app-config.yaml'
    }; database: ${database})`,
  );
  return 0;
}

export function registerConfigCommands(program: Command) {
  const config = program
    .command('config')
    .description('Inspect the portal configuration');
  config
    .command('check')
    .description(
      'Check config files the way the backend does at start-up (missing or malformed required values)',
    )
    .option(
      '-c, --config <file>',
      'config file to load, repeatable (default: app-config.yaml)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(async (opts: { config: string[] }) => {
      process.exitCode = await runConfigCheck({ config: opts.config }, line =>
        process.stdout.write(`${line}\n`),
      );
    });
}
