// Loads a labelled corpus (a YAML list of cases) and checks each label's
// shape, so that a typo in a label is an error rather than a silent miss.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const CATEGORIES = [
  'missing_python_package',
  'missing_npm_package',
  'dependency_conflict',
  'missing_env_var',
  'invalid_config',
  'test_timeout',
  'flaky_test',
  'out_of_memory',
  'disk_full',
  'network_timeout',
  'compilation_error',
  'test_failure',
  'lint_failure',
  'unknown',
];

/** Categories the agent must never claim to fix by itself. */
const NEVER_AUTO_FIXED = new Set([
  'test_failure',
  'compilation_error',
  'lint_failure',
  'unknown',
]);

/**
 * The cases of one labels file, each with `path`: its log's absolute path.
 * Throws with every problem found (file, case id, what is wrong).
 */
function loadCases(labelsFile, setName) {
  const dir = path.dirname(labelsFile);
  const list = YAML.parse(fs.readFileSync(labelsFile, 'utf8'));
  if (!Array.isArray(list)) {
    throw new Error(`${labelsFile}: expected a YAML list of cases`);
  }
  const problems = [];
  const seen = new Set();
  const cases = list.map((c, i) => {
    const where = `${labelsFile}: case ${c?.id ?? `#${i + 1}`}`;
    for (const key of ['id', 'file', 'category', 'rootCause']) {
      if (typeof c?.[key] !== 'string' || !c[key]) {
        problems.push(`${where}: "${key}" must be a non-empty string`);
      }
    }
    if (c?.id && seen.has(c.id)) problems.push(`${where}: duplicate id`);
    seen.add(c?.id);
    if (c?.category && !CATEGORIES.includes(c.category)) {
      problems.push(`${where}: unknown category "${c.category}"`);
    }
    const secrets = c?.secrets ?? [];
    if (!Array.isArray(secrets) || secrets.some(s => typeof s !== 'string')) {
      problems.push(`${where}: "secrets" must be a list of strings`);
    }
    const file = c?.file ? path.resolve(dir, c.file) : '';
    if (file && !fs.existsSync(file)) {
      problems.push(`${where}: no such log ${c.file}`);
    }
    return {
      ...c,
      set: setName,
      secrets: Array.isArray(secrets) ? secrets : [],
      expected: c?.expected ?? {},
      path: file,
    };
  });
  if (problems.length) throw new Error(problems.join('\n'));
  return cases;
}

/** Category → the id of the playbook that handles it (categories without one are absent). */
function playbookIdsByCategory(playbooksDir) {
  const byCategory = new Map();
  for (const name of fs.readdirSync(playbooksDir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const doc = YAML.parse(
      fs.readFileSync(path.join(playbooksDir, name), 'utf8'),
    );
    if ((doc?.kind ?? 'playbook') === 'playbook' && doc?.category) {
      byCategory.set(doc.category, doc.id);
    }
  }
  return byCategory;
}

module.exports = {
  CATEGORIES,
  NEVER_AUTO_FIXED,
  loadCases,
  playbookIdsByCategory,
};
