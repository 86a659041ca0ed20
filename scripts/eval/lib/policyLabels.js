// Loads the Policy agent's labelled corpus (eval/policy/cases.yaml) and
// checks every label, so that a typo is an error (exit 2) rather than a
// miss or a false positive that is not the scanner's.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

/** The repository's rules: what the labels may name. */
const DEFAULT_POLICIES = path.resolve(__dirname, '../../../policies');

/**
 * Resource names by kind: Terraform addresses (`aws_s3_bucket.logs`,
 * `module.x["k"].aws_instance.web[0]`) and Kubernetes `Kind/namespace/name`
 * (namespace optional). Dockerfiles and secrets name files (checked
 * against the case's files instead).
 */
const TERRAFORM_ADDRESS =
  /^(?:module\.[A-Za-z0-9_-]+(?:\[[^\]]+\])?\.)*[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]+\])?$/;
const KUBERNETES_NAME = /^[A-Z][A-Za-z0-9]*\/(?:[a-z0-9][a-z0-9-]*\/)?[^/\s]+$/;

const CASE_KEYS = new Set(['path', 'expected', 'notes']);
const FINDING_KEYS = new Set(['ruleId', 'resource', 'status']);
const STATUSES = ['violated', 'unknown'];

/** Whether `file` (relative, forward slashes) is `casePath` or inside it. */
function isWithin(file, casePath) {
  return file === casePath || file.startsWith(`${casePath}/`);
}

/** Every file under a folder, relative to `root`, with forward slashes. */
function filesUnder(root, dir = root) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(root, full);
      return entry.isFile()
        ? [path.relative(root, full).split(path.sep).join('/')]
        : [];
    })
    .sort();
}

function lineCount(file) {
  const text = fs.readFileSync(file, 'utf8');
  return text.endsWith('\n')
    ? text.split('\n').length - 1
    : text.split('\n').length;
}

/**
 * The cases of a labels file, each `{ path, expected, notes, compliant }`
 * with `expected` a list of `{ ruleId, resource, status }`. `casesDir` is
 * where paths are relative to (default: `cases/` beside the labels file).
 * With `requireCoverage`, every file under casesDir must belong to exactly
 * one case (otherwise its findings could not be attributed), and with
 * `minFailingCases`, every rule must fail in that many cases.
 *
 * Throws with every problem found (case, what is wrong).
 */
function loadPolicyCases(
  labelsFile,
  {
    casesDir = path.join(path.dirname(labelsFile), 'cases'),
    requireCoverage = true,
    minFailingCases = 0,
    rules = policyRules(DEFAULT_POLICIES),
  } = {},
) {
  const list = YAML.parse(fs.readFileSync(labelsFile, 'utf8'));
  if (!Array.isArray(list)) {
    throw new Error(`${labelsFile}: expected a YAML list of cases`);
  }
  const problems = [];
  const seen = new Set();
  const cases = list.map((c, i) => {
    const where = `case ${c?.path ?? `#${i + 1}`}`;
    const problem = text => problems.push(`${where}: ${text}`);
    if (!c || typeof c !== 'object') {
      problem('must be a mapping with path and expected');
      return null;
    }
    for (const key of Object.keys(c)) {
      if (!CASE_KEYS.has(key)) problem(`unknown key "${key}"`);
    }
    if (typeof c.path !== 'string' || !c.path) {
      problem('"path" must be a non-empty string');
      return null;
    }
    const casePath = c.path.replace(/\/+$/, '');
    const absolute = path.resolve(casesDir, casePath);
    if (
      path.isAbsolute(casePath) ||
      casePath.split('/').includes('..') ||
      !absolute.startsWith(`${path.resolve(casesDir)}${path.sep}`)
    ) {
      problem('"path" must be relative to the cases folder, inside it');
      return null;
    }
    if (!fs.existsSync(absolute)) problem(`no such file or folder`);
    if (seen.has(casePath)) problem('duplicate path');
    seen.add(casePath);
    let caseFiles = [];
    if (fs.existsSync(absolute)) {
      caseFiles = fs.statSync(absolute).isDirectory()
        ? filesUnder(casesDir, absolute)
        : [casePath];
    }

    if (!Array.isArray(c.expected)) {
      problem('"expected" must be a list (empty when the case is compliant)');
    }
    const pairs = new Set();
    const expected = (Array.isArray(c.expected) ? c.expected : []).map(e => {
      const label = `expected ${JSON.stringify(e)}`;
      if (!e || typeof e !== 'object') {
        problem(`${label}: must be {ruleId, resource}`);
        return null;
      }
      for (const key of Object.keys(e)) {
        if (!FINDING_KEYS.has(key)) problem(`${label}: unknown key "${key}"`);
      }
      const { ruleId, resource, status = 'violated' } = e;
      if (!rules.has(ruleId)) {
        problem(`${label}: unknown rule id "${ruleId}"`);
      }
      if (!STATUSES.includes(status)) {
        problem(`${label}: status must be one of ${STATUSES.join(', ')}`);
      }
      if (typeof resource !== 'string' || !resource) {
        problem(`${label}: "resource" must be a non-empty string`);
        return null;
      }
      const key = `${ruleId}\u0000${resource}`;
      if (pairs.has(key)) problem(`${label}: listed twice`);
      pairs.add(key);
      const kind = rules.get(ruleId)?.kind ?? null;
      if (kind === 'terraform' && !TERRAFORM_ADDRESS.test(resource)) {
        problem(`${label}: not a Terraform address (aws_s3_bucket.logs)`);
      } else if (kind === 'kubernetes' && !KUBERNETES_NAME.test(resource)) {
        problem(`${label}: not Kind/namespace/name or Kind/name`);
      } else if (kind === 'dockerfile' && !caseFiles.includes(resource)) {
        problem(
          `${label}: a Dockerfile finding names its file (relative to cases/), one of this case's files`,
        );
      } else if (kind === 'file') {
        const match = /^(.+):([1-9]\d*)$/.exec(resource);
        if (!match || !caseFiles.includes(match[1])) {
          problem(
            `${label}: a secret is <file>:<line>, the file one of this case's (relative to cases/)`,
          );
        } else if (
          Number(match[2]) > lineCount(path.join(casesDir, match[1]))
        ) {
          problem(`${label}: ${match[1]} has no line ${match[2]}`);
        }
      }
      return { ruleId, resource, status };
    });
    return {
      path: casePath,
      expected: expected.filter(Boolean),
      notes: typeof c.notes === 'string' ? c.notes.trim() : '',
      compliant: Array.isArray(c.expected) && c.expected.length === 0,
      files: caseFiles,
    };
  });
  const valid = cases.filter(Boolean);

  // Nested cases would claim the same findings twice.
  for (const a of valid) {
    for (const b of valid) {
      if (a !== b && a.path.startsWith(`${b.path}/`)) {
        problems.push(`case ${a.path}: inside case ${b.path}`);
      }
    }
  }
  if (requireCoverage && fs.existsSync(casesDir)) {
    const unlabelled = filesUnder(casesDir).filter(
      file => !valid.some(c => isWithin(file, c.path)),
    );
    for (const file of unlabelled) {
      problems.push(`${file}: in cases/ but in no case (label it)`);
    }
  }
  if (minFailingCases > 0) {
    for (const ruleId of rules.keys()) {
      const failing = valid.filter(c =>
        c.expected.some(e => e.ruleId === ruleId),
      ).length;
      if (failing < minFailingCases) {
        problems.push(
          `rule ${ruleId}: fails in ${failing} case(s), fewer than ${minFailingCases}`,
        );
      }
    }
  }
  if (problems.length) {
    throw new Error(problems.map(p => `${labelsFile}: ${p}`).join('\n'));
  }
  return valid;
}

/**
 * Rule id → what it judges (`resources.kind`: how its findings name a
 * resource) and its severity, read from the rules' YAML in a policies
 * folder (`<kind>/<id>.yaml`), as the scanner loads them.
 */
function policyRules(policiesDir) {
  const rules = new Map();
  if (!fs.existsSync(policiesDir)) return rules;
  for (const kind of fs.readdirSync(policiesDir, { withFileTypes: true })) {
    if (!kind.isDirectory()) continue;
    const dir = path.join(policiesDir, kind.name);
    for (const name of fs.readdirSync(dir)) {
      if (!/\.ya?ml$/.test(name)) continue;
      const rule = YAML.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      if (rule?.id) {
        rules.set(rule.id, {
          kind: rule.resources?.kind,
          severity: rule.severity,
        });
      }
    }
  }
  return rules;
}

/** Rule id → severity (see policyRules). */
function ruleSeverities(policiesDir) {
  return new Map(
    [...policyRules(policiesDir)]
      .filter(([, rule]) => rule.severity)
      .map(([id, rule]) => [id, rule.severity]),
  );
}

module.exports = {
  policyRules,
  isWithin,
  loadPolicyCases,
  ruleSeverities,
};
