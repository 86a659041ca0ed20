// yarn eval policy [--labels <cases.yaml>] [--policies <dir>] [--json]
//
// Runs the Policy agent's scanner over the labelled corpus in eval/policy/
// exactly as the held-out set is run (`agentic policy scan --json <paths>`,
// one scan of every case, in the cases folder so that findings name files
// relative to it) and scores it: recall per rule, missed findings, false
// positives, the share of compliant cases with any finding. Exits 1 when a
// critical or high finding is missed or 5% or more of the compliant cases
// have a finding; 2 on bad usage or labels, or when the scan fails.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { loadPolicyCases, policyRules } = require('./lib/policyLabels');
const { scorePolicy } = require('./lib/policyScore');
const { formatPolicyReport } = require('./lib/policyFormat');

const root = path.resolve(__dirname, '../..');
const DEFAULT_LABELS = path.join(root, 'eval/policy/cases.yaml');
const USAGE =
  'Usage: yarn eval policy [--labels <cases.yaml>] [--cases <dir>] [--policies <dir>] [--json]';

function parseArgs(args) {
  const opts = { labels: DEFAULT_LABELS, json: false };
  const value = (i, name) => {
    const v = args[i];
    if (!v) throw new Error(`${name} needs a value\n${USAGE}`);
    return path.resolve(v);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') opts.json = true;
    else if (a === '--labels') opts.labels = value(++i, a);
    else if (a === '--cases') opts.cases = value(++i, a);
    else if (a === '--policies') opts.policies = value(++i, a);
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return opts;
}

/**
 * The CLI's JSON report of one scan of `paths` (relative to `cwd`), run the
 * way bin/agentic runs it but with this process's Node (the project's).
 * Exit 2 means some files could not be scanned: they are in `errors`.
 */
function scan(paths, { cwd, policies }) {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'packages/cli/bin/agentic'),
      'policy',
      'scan',
      '--json',
      ...(policies ? ['--policies', policies] : []),
      ...paths,
    ],
    { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 2) {
    throw new Error(
      `policy scan exited with ${result.status}:\n${result.stderr}`,
    );
  }
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(
      `policy scan did not print one JSON object: ${result.stdout.slice(
        0,
        300,
      )}\n${result.stderr}`,
    );
  }
}

/** The report for --json: cases by path, findings without their texts. */
function plain(report) {
  const finding = f => ({
    case: f.case,
    ruleId: f.ruleId,
    resource: f.resource,
    file: f.file,
    line: f.line,
    status: f.status,
    detail: f.detail,
  });
  return {
    ...report,
    falsePositives: report.falsePositives.map(finding),
  };
}

function main(args) {
  let opts;
  try {
    opts = parseArgs(args);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const casesDir = opts.cases ?? path.join(path.dirname(opts.labels), 'cases');
  const rules = policyRules(opts.policies ?? path.join(root, 'policies'));
  let cases;
  try {
    cases = loadPolicyCases(opts.labels, {
      casesDir,
      rules,
      // The team's own corpus promises two failing cases per rule.
      minFailingCases: opts.labels === DEFAULT_LABELS ? 2 : 0,
    });
  } catch (error) {
    console.error(`Bad labels:\n${error.message}`);
    return 2;
  }
  let report;
  const started = Date.now();
  try {
    report = scan(
      cases.map(c => c.path),
      { cwd: casesDir, policies: opts.policies },
    );
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const seconds = (Date.now() - started) / 1000;
  const score = scorePolicy({
    cases,
    report,
    severities: new Map([...rules].map(([id, rule]) => [id, rule.severity])),
  });

  if (opts.json) {
    console.log(JSON.stringify({ seconds, ...plain(score) }, null, 2));
  } else {
    console.log(
      formatPolicyReport(
        `Policy evaluation, ${path.relative(root, opts.labels)}`,
        score,
      ),
    );
    console.log('');
    console.log(`  scan took ${seconds.toFixed(1)} s`);
    console.log(
      score.passed
        ? 'PASS: no critical/high finding missed, false positives on < 5% of compliant cases'
        : `FAIL: ${score.failures.join('; ')}`,
    );
  }
  return score.passed ? 0 : 1;
}

module.exports = { main };
