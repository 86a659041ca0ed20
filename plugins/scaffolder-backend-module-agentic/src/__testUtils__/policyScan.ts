import path from 'node:path';
import { TEMPLATES_DIR } from './renderSkeleton';
import { runCommand } from './runCommand';

const REPO_ROOT = path.resolve(TEMPLATES_DIR, '..');
const AGENTIC_CLI = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'agentic');

/** What the tests read of the CLI's JSON report (policy-common's ScanReport). */
export type PolicyScanReport = {
  findings: Array<{
    ruleId: string;
    severity: string;
    file: string;
    message: string;
  }>;
  summary: { files: number; resources: number; errors: number };
  errors: Array<{ file: string; error: string }>;
};

/**
 * Scans `target` (a file or folder) with the Policy agent as CI does,
 * `agentic policy scan --json --fail-on high`, and resolves with its report.
 * Throws, showing the report, when the scan fails: a finding at high or
 * worse (exit 1) or a file it could not read (exit 2).
 */
export async function policyScan(target: string): Promise<PolicyScanReport> {
  // The CLI itself on this Node, not the repository's bin/agentic: that one
  // would first install dependencies when a package.json changed.
  const result = await runCommand(
    process.execPath,
    [AGENTIC_CLI, 'policy', 'scan', '--json', '--fail-on', 'high', target],
    { cwd: REPO_ROOT },
  );
  if (result.code !== 0) {
    throw new Error(
      `policy scan of ${target} exited with ${result.code ?? result.signal}:\n${
        result.output
      }`,
    );
  }
  return JSON.parse(result.stdout);
}

/** The findings a merge would be blocked for: high and critical. */
export const highOrWorse = (report: PolicyScanReport) =>
  report.findings.filter(f => ['high', 'critical'].includes(f.severity));
