// Scores one `agentic policy scan --json` report of the whole corpus
// against the labels: recall per rule, missed findings (and whether a
// critical or high one is among them), false positives, and the share of
// compliant cases with any finding.
const { isWithin } = require('./policyLabels');

/** Misses of these severities fail the evaluation. */
const BLOCKING_SEVERITIES = new Set(['critical', 'high']);

const pairKey = (ruleId, resource) => `${ruleId}\u0000${resource}`;

const ratio = (hits, total) => ({
  hits,
  total,
  rate: total ? hits / total : 1,
});

/**
 * The case a file of the report belongs to (files are relative to the
 * cases folder, as the scan ran there), or undefined.
 */
function caseOf(cases, file) {
  const normal = String(file ?? '').replace(/^\.\//, '');
  return cases.find(c => isWithin(normal, c.path));
}

/**
 * The evaluation of `report` (the scan's JSON: findings and errors) over
 * `cases` (from loadPolicyCases). `severities` maps rule ids to their
 * severity (the rules' YAML); a rule without one counts as high, so that
 * a miss is never waved through for want of it. Targets: no missed
 * critical or high finding, false positives on fewer than
 * `maxCompliantFlagged` of the compliant cases.
 */
function scorePolicy({
  cases,
  report,
  severities = new Map(),
  maxCompliantFlagged = 0.05,
}) {
  const severityOf = ruleId => severities.get(ruleId) ?? 'high';
  const findings = Array.isArray(report?.findings) ? report.findings : [];
  const errors = Array.isArray(report?.errors) ? report.errors : [];

  // A finding per (rule, resource) and case: a rule that reports one
  // resource twice (two secrets on one line) is one finding here.
  const foundByCase = new Map(cases.map(c => [c, new Map()]));
  const unattributed = [];
  for (const finding of findings) {
    const owner = caseOf(cases, finding.file);
    if (!owner) {
      unattributed.push(finding);
      continue;
    }
    const found = foundByCase.get(owner);
    const key = pairKey(finding.ruleId, finding.resource);
    if (!found.has(key)) found.set(key, finding);
  }

  const results = cases.map(c => {
    const found = foundByCase.get(c);
    const expectedKeys = new Set(
      c.expected.map(e => pairKey(e.ruleId, e.resource)),
    );
    const hits = [];
    const misses = [];
    const statusMismatches = [];
    for (const e of c.expected) {
      const finding = found.get(pairKey(e.ruleId, e.resource));
      if (!finding) {
        misses.push({ ...e, severity: severityOf(e.ruleId) });
        continue;
      }
      hits.push({ ...e, finding });
      if ((finding.status ?? 'violated') !== e.status) {
        statusMismatches.push({ ...e, got: finding.status ?? 'violated' });
      }
    }
    const falsePositives = [...found.entries()]
      .filter(([key]) => !expectedKeys.has(key))
      .map(([, finding]) => finding);
    return {
      case: c,
      hits,
      misses,
      falsePositives,
      statusMismatches,
      errors: errors.filter(e => caseOf(cases, e.file) === c),
    };
  });

  const all = key =>
    results.flatMap(r => r[key].map(x => ({ ...x, case: r.case.path })));
  const misses = all('misses');
  const falsePositives = [
    ...all('falsePositives'),
    ...unattributed.map(f => ({ ...f, case: null })),
  ];
  const expectedCount = results.reduce((n, r) => n + r.case.expected.length, 0);
  const hitCount = results.reduce((n, r) => n + r.hits.length, 0);

  const ruleIds = [
    ...new Set([
      ...severities.keys(),
      ...findings.map(f => f.ruleId),
      ...cases.flatMap(c => c.expected.map(e => e.ruleId)),
    ]),
  ];
  const perRule = ruleIds.map(ruleId => {
    const expected = cases
      .flatMap(c => c.expected)
      .filter(e => e.ruleId === ruleId);
    return {
      ruleId,
      severity: severityOf(ruleId),
      ...ratio(
        results.flatMap(r => r.hits).filter(h => h.ruleId === ruleId).length,
        expected.length,
      ),
      falsePositives: falsePositives.filter(f => f.ruleId === ruleId).length,
      failingCases: cases.filter(c => c.expected.some(e => e.ruleId === ruleId))
        .length,
    };
  });

  const compliant = results.filter(r => r.case.compliant);
  const compliantFlagged = compliant.filter(r => r.falsePositives.length > 0);
  const compliantShare = ratio(compliantFlagged.length, compliant.length);
  const blockingMisses = misses.filter(m =>
    BLOCKING_SEVERITIES.has(m.severity),
  );

  const failures = [];
  if (blockingMisses.length) {
    failures.push(`${blockingMisses.length} critical/high finding(s) missed`);
  }
  if (compliant.length && compliantShare.rate >= maxCompliantFlagged) {
    failures.push(
      `${(compliantShare.rate * 100).toFixed(
        1,
      )}% of compliant cases have a finding (target < ${
        maxCompliantFlagged * 100
      }%)`,
    );
  }

  return {
    cases: results.length,
    compliantCases: compliant.length,
    files: cases.reduce((n, c) => n + c.files.length, 0),
    recall: ratio(hitCount, expectedCount),
    precision: ratio(hitCount, hitCount + falsePositives.length),
    perRule,
    misses,
    blockingMisses,
    falsePositives,
    statusMismatches: all('statusMismatches'),
    compliantFlagged: compliantFlagged.map(r => ({
      case: r.case.path,
      findings: r.falsePositives.length,
    })),
    compliantShare,
    errors: results.flatMap(r =>
      r.errors.map(e => ({ ...e, case: r.case.path })),
    ),
    unattributedErrors: errors.filter(e => !caseOf(cases, e.file)),
    failures,
    passed: failures.length === 0,
  };
}

module.exports = { scorePolicy, caseOf, BLOCKING_SEVERITIES };
