import {
  isAtLeast,
  ScanReport,
  Severity,
  SEVERITIES,
} from '@agentic-devops/plugin-policy-common';
import {
  createPolicyScanner,
  toSarif,
} from '@agentic-devops/plugin-policy-node';
import { Command, InvalidArgumentError } from 'commander';
import path from 'node:path';
import { findRepoRoot } from '../../lib/repoRoot';
import { formatReport } from './formatReport';

type Out = (line: string) => void;

function severity(value: string): Severity {
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`one of ${SEVERITIES.join(', ')}`);
  }
  return value as Severity;
}

/**
 * The exit code of a scan: 1 when a finding (violated, or undecidable before
 * apply) is at or above `failOn`; else 2 when some file could not be
 * scanned; else 0.
 */
export function exitCodeOf(report: ScanReport, failOn?: Severity): number {
  if (failOn && report.findings.some(f => isAtLeast(f.severity, failOn))) {
    return 1;
  }
  return report.errors.length > 0 ? 2 : 0;
}

export function registerPolicyCommands(
  program: Command,
  out: Out = l => process.stdout.write(`${l}\n`),
) {
  const policy = program
    .command('policy')
    .description(
      'The Policy agent: policy-as-code over Terraform, Kubernetes and Dockerfiles',
    );

  policy
    .command('scan <path...>')
    .description(
      'Scan files and folders (walked) against the rules in policies/: Terraform modules and plan JSON, Kubernetes manifests, Dockerfiles, and secrets in any file',
    )
    .option('--json', 'print the findings and a summary as one JSON object')
    .option(
      '--sarif',
      'print SARIF 2.1.0 (for GitLab and GitHub code scanning)',
    )
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding is at least this severe (${SEVERITIES.join(
        ', ',
      )})`,
      severity,
    )
    .option(
      '--policies <dir>',
      "the rules folder (default: the repository's policies/)",
    )
    .action(
      async (
        paths: string[],
        opts: {
          json?: boolean;
          sarif?: boolean;
          failOn?: Severity;
          policies?: string;
        },
      ) => {
        const scanner = createPolicyScanner({
          policiesDirectory: path.resolve(
            opts.policies ?? path.join(findRepoRoot(), 'policies'),
          ),
        });
        const report = await scanner.scan(paths);
        if (opts.sarif) {
          out(JSON.stringify(toSarif(report, scanner.rules), null, 2));
        } else if (opts.json) {
          out(JSON.stringify(report));
        } else {
          formatReport(report).forEach(out);
        }
        process.exitCode = exitCodeOf(report, opts.failOn);
      },
    );
}
