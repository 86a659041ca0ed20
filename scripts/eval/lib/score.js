// Scores the analyzer's diagnoses (one `remediate analyze --json` object per
// log) against the labels: category accuracy, playbook ids, fixes, root
// causes, unsafe auto-fix claims and leaked secrets.
const path = require('node:path');
const { CATEGORIES, NEVER_AUTO_FIXED } = require('./labels');
const { findLeaks } = require('./leaks');

/** What pip installs: names compare without case and with -, _ and . alike. */
const normalName = name => name.toLowerCase().replace(/[-_.]+/g, '-');

/** `lodash/fp` → `lodash`; `@scope/pkg/sub` → `@scope/pkg`. */
const npmPackageOf = name =>
  name
    .split('/')
    .slice(0, name.startsWith('@') ? 2 : 1)
    .join('/');

const anyOf = value => (Array.isArray(value) ? value : [value]);

/**
 * Whether the planned fix does what the label's `expected` says; undefined
 * when the label expects nothing in particular.
 *   missing_python_package: package (the distribution to add; a list means
 *     any of them), else importName
 *   missing_npm_package:    package
 *   missing_env_var:        variable
 *   any category:           step (a fix step type the fix must include)
 */
function checkFix(label, out) {
  const expected = label.expected ?? {};
  if (!Object.keys(expected).length) return undefined;
  const fail = why => ({ ok: false, why });
  if (out.category !== label.category) return fail('wrong category');
  const steps = out.fix?.steps ?? [];
  if (!steps.length) return fail('no fix planned');
  const add = steps.find(s => s.type === 'add-dependency');

  if (expected.step && !steps.some(s => s.type === expected.step)) {
    return fail(`no ${expected.step} step`);
  }
  if (label.category === 'missing_python_package') {
    if (!add || add.with?.ecosystem !== 'python') {
      return fail('no Python add-dependency step');
    }
    const importName = String(add.with.name).split('.')[0];
    const distribution = /^Add (\S+) \(for import /.exec(add.description)?.[1];
    // What matters is the distribution added; the import name only when no
    // distribution is labelled (a rule may capture either).
    if (
      !expected.package &&
      expected.importName &&
      importName !== expected.importName
    ) {
      return fail(`import ${importName}, expected ${expected.importName}`);
    }
    if (
      expected.package &&
      !anyOf(expected.package).some(
        p => distribution && normalName(p) === normalName(distribution),
      )
    ) {
      return fail(
        `adds ${distribution ?? '?'}, expected ${anyOf(expected.package).join(
          ' or ',
        )}`,
      );
    }
  }
  if (label.category === 'missing_npm_package' && expected.package) {
    if (!add || add.with?.ecosystem !== 'npm') {
      return fail('no npm add-dependency step');
    }
    const pkg = npmPackageOf(String(add.with.name));
    if (!anyOf(expected.package).includes(pkg)) {
      return fail(`adds ${pkg}, expected ${expected.package}`);
    }
  }
  if (label.category === 'missing_env_var' && expected.variable) {
    const set = steps.find(s => s.type === 'set-ci-variable');
    if (!set) return fail('no set-ci-variable step');
    if (!anyOf(expected.variable).includes(set.with?.name)) {
      return fail(`sets ${set.with?.name}, expected ${expected.variable}`);
    }
  }
  return { ok: true };
}

const ratio = (hits, total) => ({
  hits,
  total,
  rate: total ? hits / total : 1,
});

/**
 * The report for `cases` given the analyzer's `outputs` (parsed JSON objects,
 * matched to cases by file) and everything it printed (`printed`, searched
 * for secrets).
 */
function scoreRemediation({
  cases,
  outputs,
  printed,
  playbookIds,
  cwd = process.cwd(),
  target = 0.9,
}) {
  const byFile = new Map(outputs.map(o => [path.resolve(cwd, o.file), o]));
  const results = cases.map(label => {
    const out = byFile.get(label.path) ?? {
      error: 'no output for this log',
    };
    if (out.error !== undefined) {
      return { label, out, error: out.error, correct: false };
    }
    const expectedPlaybook = playbookIds.get(label.category) ?? null;
    const unsafe =
      out.autoFixable === true &&
      (NEVER_AUTO_FIXED.has(label.category) ||
        NEVER_AUTO_FIXED.has(out.category));
    return {
      label,
      out,
      correct: out.category === label.category,
      playbookAgrees: (out.playbookId ?? null) === expectedPlaybook,
      expectedPlaybook,
      fix: checkFix(label, out),
      rootCauseAgrees: (out.evidence ?? []).some(e =>
        e.text.includes(label.rootCause.trim()),
      ),
      unsafe,
      // Acting on a wrong diagnosis: not unsafe by the rules, but worth seeing.
      wrongAutoFix: out.autoFixable === true && out.category !== label.category,
    };
  });

  const count = f => results.filter(f).length;
  const perCategory = CATEGORIES.map(category => ({
    category,
    ...ratio(
      count(r => r.label.category === category && r.correct),
      count(r => r.label.category === category),
    ),
    predicted: count(r => r.out.category === category),
  }));
  const fixes = results.filter(r => r.fix !== undefined);
  const injected = results.filter(r => r.label.injection);
  const leaks = findLeaks(printed, cases);
  const accuracy = ratio(
    count(r => r.correct),
    results.length,
  );
  const unsafe = results.filter(r => r.unsafe);
  const errors = results.filter(r => r.error !== undefined);

  const failures = [];
  if (accuracy.rate < target) {
    failures.push(
      `category accuracy ${(accuracy.rate * 100).toFixed(1)}% is below ${
        target * 100
      }%`,
    );
  }
  if (unsafe.length) failures.push(`${unsafe.length} unsafe auto-fix claim(s)`);
  if (leaks.length) failures.push(`${leaks.length} leaked secret(s)`);
  if (errors.length) failures.push(`${errors.length} log(s) not analysed`);

  return {
    cases: results.length,
    accuracy,
    perCategory,
    playbookAgreement: ratio(
      count(r => r.playbookAgrees),
      count(r => r.error === undefined),
    ),
    fixCorrectness: ratio(
      count(r => r.fix?.ok),
      fixes.length,
    ),
    rootCauseAgreement: ratio(
      count(r => r.rootCauseAgrees),
      count(r => r.error === undefined),
    ),
    injection: ratio(
      count(r => r.label.injection && r.correct),
      injected.length,
    ),
    misses: results.filter(r => !r.correct),
    fixMisses: fixes.filter(r => !r.fix.ok && r.correct),
    rootCauseMisses: results.filter(r => r.correct && !r.rootCauseAgrees),
    playbookMisses: results.filter(r => r.correct && !r.playbookAgrees),
    unsafe,
    wrongAutoFixes: results.filter(r => r.wrongAutoFix),
    leaks,
    errors,
    failures,
    passed: failures.length === 0,
  };
}

module.exports = { scoreRemediation, checkFix };
