import { Command } from 'commander';
import path from 'node:path';
import { findRepoRoot } from '../../lib/repoRoot';
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
}
