// The human-readable report of the Policy agent's evaluation.
const pct = r => `${(r.rate * 100).toFixed(1)}%`;
const frac = r => `${r.hits}/${r.total}`;
const clip = (text, n = 110) =>
  text.length > n ? `${text.slice(0, n - 1)}…` : text;

function formatPolicyReport(title, report) {
  const lines = [];
  const out = l => lines.push(l);
  out(
    `${title}: ${report.cases} cases (${report.files} files), ${report.compliantCases} compliant`,
  );
  out(
    `  recall (expected findings found)   ${pct(report.recall)} (${frac(
      report.recall,
    )})`,
  );
  out(
    `  precision (findings expected)      ${pct(report.precision)} (${frac(
      report.precision,
    )})`,
  );
  out(
    `  compliant cases with a finding     ${pct(report.compliantShare)} (${frac(
      report.compliantShare,
    )}), target < 5%`,
  );
  out(
    `  critical/high findings missed      ${report.blockingMisses.length}, target 0`,
  );
  out(`  false positives                    ${report.falsePositives.length}`);
  out(`  status mismatches                  ${report.statusMismatches.length}`);
  out(
    `  scan errors                        ${
      report.errors.length + report.unattributedErrors.length
    }`,
  );
  out('');
  out(
    '  per rule                     severity   found  recall  false pos.  failing cases',
  );
  for (const r of report.perRule) {
    out(
      `    ${r.ruleId.padEnd(27)}${r.severity.padEnd(
        9,
      )}${`${r.hits}/${r.total}`.padStart(7)}${(r.total
        ? pct(r)
        : '-'
      ).padStart(8)}${String(r.falsePositives).padStart(12)}${String(
        r.failingCases,
      ).padStart(15)}`,
    );
  }

  const section = (heading, items, describe) => {
    if (!items.length) return;
    out('');
    out(`  ${heading} (${items.length}):`);
    items.forEach(item => out(`    ${describe(item)}`));
  };
  section(
    'missed findings',
    report.misses,
    m =>
      `[${m.severity}] ${m.case}: ${m.ruleId} ${m.resource}${
        m.status === 'unknown' ? ' (expected as unknown)' : ''
      }`,
  );
  // A secret's resource is already its file and line.
  const where = f =>
    f.resource === `${f.file}:${f.line}` ? '' : ` at ${f.file}:${f.line}`;
  section(
    'false positives',
    report.falsePositives,
    f =>
      `${f.case ?? '(no case)'}: ${f.ruleId} ${f.resource}${where(f)}${
        f.status === 'unknown' ? ' [unknown]' : ''
      }${f.detail ? ` (${clip(f.detail)})` : ''}`,
  );
  section(
    'found with another status',
    report.statusMismatches,
    s => `${s.case}: ${s.ruleId} ${s.resource}: ${s.got}, labelled ${s.status}`,
  );
  section(
    'compliant cases with a finding',
    report.compliantFlagged,
    c => `${c.case} (${c.findings})`,
  );
  section(
    'scan errors',
    [...report.errors, ...report.unattributedErrors],
    e => `${e.file}: ${clip(e.error, 150)}`,
  );
  return lines.join('\n');
}

module.exports = { formatPolicyReport };
