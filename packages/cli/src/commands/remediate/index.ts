import { Command } from 'commander';
import path from 'node:path';
import { PortalOptions } from '../../lib/portalConnection';
import { findRepoRoot } from '../../lib/repoRoot';
import { runLocal } from './runLocal';
import {
  analyzeFile,
  AnalyzeOutput,
  cliReasoning,
  createAnalyzer,
  expandPaths,
} from './analyzeLogs';

type Out = (line: string) => void;

function formatDiagnosis(result: AnalyzeOutput): string[] {
  if (result.error !== undefined) {
    return [`${result.file}: error: ${result.error}`];
  }
  return [
    `${result.file}`,
    `  category:    ${result.category}${
      result.playbookId ? ` (${result.playbookId})` : ''
    }`,
    `  root cause:  ${result.rootCause || '-'}`,
    ...result.evidence.map(e => `  line ${String(e.line).padEnd(7)}${e.text}`),
    `  risk:        ${result.riskLevel}, confidence ${result.confidence.toFixed(
      2,
    )}, ${result.autoFixable ? 'auto-fixable' : 'not auto-fixed'}`,
    ...(result.fix ? [`  fix:         ${result.fix.summary}`] : []),
    ...(result.promptInjection ?? []).map(
      e => `  addressed to the agent, line ${e.line}: ${e.text}`,
    ),
  ];
}

export function registerRemediateCommands(
  program: Command,
  out: Out = l => process.stdout.write(`${l}\n`),
) {
  const remediate = program
    .command('remediate')
    .description('The Remediation agent: diagnose failed CI jobs and fix them');

  remediate
    .command('analyze <log-file...>')
    .description(
      "Diagnose job logs with the playbooks' rules (and Claude when ANTHROPIC_API_KEY is set, for logs no rule explains); a directory means the files in it",
    )
    .option('--json', 'print one JSON object per file, one per line')
    .option(
      '--playbooks <dir>',
      "the playbooks folder (default: the repository's playbooks/)",
    )
    .option('--offline', 'never ask an LLM, even with ANTHROPIC_API_KEY set')
    .action(
      async (
        files: string[],
        opts: { json?: boolean; playbooks?: string; offline?: boolean },
      ) => {
        const analyzer = createAnalyzer({
          playbooksDir: path.resolve(
            opts.playbooks ?? path.join(findRepoRoot(), 'playbooks'),
          ),
          reasoning: cliReasoning({ offline: opts.offline }),
        });
        let failed = 0;
        for (const file of expandPaths(files)) {
          const result = await analyzeFile(analyzer, file);
          if (result.error !== undefined) failed += 1;
          if (opts.json) out(JSON.stringify(result));
          else formatDiagnosis(result).forEach(out);
        }
        // Every file was still reported; the exit code says some could not be read.
        if (failed) process.exitCode = 2;
      },
    );

  remediate
    .command('run <repo-dir>')
    .description(
      "Run a local repository's .gitlab-ci.yml with the portal's local runner; the agent diagnoses each failed job, fixes it on a branch and re-runs the pipeline",
    )
    .option(
      '--ref <branch>',
      'the branch to run (default: the checked-out one)',
    )
    .option('--entity <ref>', 'the catalog entity the repository belongs to')
    .option('--no-wait', 'start the remediations and return')
    .option('--json', 'print the pipeline and the remediations as JSON')
    .option(
      '--backend-url <url>',
      'backend base URL (default: AGENTIC_BACKEND_URL or http://localhost:7007)',
    )
    .option(
      '--token <token>',
      'Backstage token (default: BACKSTAGE_TOKEN, else guest sign-in)',
    )
    .action(
      async (
        repoDir: string,
        opts: PortalOptions & {
          ref?: string;
          entity?: string;
          wait: boolean;
          json?: boolean;
        },
      ) => {
        const ok = await runLocal(repoDir, opts, out);
        if (!ok) process.exitCode = 1;
      },
    );
}
