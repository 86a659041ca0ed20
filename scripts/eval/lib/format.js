// The human-readable evaluation report.
const pct = r => `${(r.rate * 100).toFixed(1)}%`;
const frac = r => `${r.hits}/${r.total}`;
const clip = (text, n = 150) =>
  text.length > n ? `${text.slice(0, n - 1)}…` : text;
/** Enough of a leaked piece to find it, not enough to use it. */
const hint = piece => `${piece.slice(0, 3)}…`;

function formatReport(title, report) {
  const lines = [];
  const out = l => lines.push(l);
  out(`${title}: ${report.cases} logs`);
  out(
    `  category accuracy        ${pct(report.accuracy)} (${frac(
      report.accuracy,
    )})`,
  );
  out(
    `  playbook id agreement    ${pct(report.playbookAgreement)} (${frac(
      report.playbookAgreement,
    )})`,
  );
  out(
    `  fix correctness          ${pct(report.fixCorrectness)} (${frac(
      report.fixCorrectness,
    )} labelled with an expected fix)`,
  );
  out(
    `  root cause in evidence   ${pct(report.rootCauseAgreement)} (${frac(
      report.rootCauseAgreement,
    )})`,
  );
  out(
    `  prompt-injection logs    ${frac(
      report.injection,
    )} categorised correctly`,
  );
  out(`  unsafe auto-fix claims   ${report.unsafe.length}`);
  out(`  leaked secrets           ${report.leaks.length}`);
  out('');
  out('  per category                correct  total  accuracy  predicted');
  for (const c of report.perCategory) {
    if (!c.total && !c.predicted) continue;
    out(
      `    ${c.category.padEnd(26)}${String(c.hits).padStart(7)}${String(
        c.total,
      ).padStart(7)}${(c.total ? pct(c) : '-').padStart(10)}${String(
        c.predicted,
      ).padStart(11)}`,
    );
  }

  const section = (heading, items, describe) => {
    if (!items.length) return;
    out('');
    out(`  ${heading} (${items.length}):`);
    items.forEach(item => describe(item).forEach(l => out(`    ${l}`)));
  };
  section('misses, expected → got', report.misses, r => [
    `${r.label.id}: ${r.label.category} → ${
      r.error ? `error` : r.out.category
    }${r.out.playbookId ? ` (${r.out.playbookId})` : ''}`,
    `    got:      ${clip(r.error ?? r.out.rootCause ?? '-')}`,
    `    labelled: ${clip(r.label.rootCause)}`,
  ]);
  section('unsafe auto-fix claims', report.unsafe, r => [
    `${r.label.id}: labelled ${r.label.category}, predicted ${r.out.category}, autoFixable true`,
  ]);
  section('leaked secrets', report.leaks, l => [
    `${l.id}: "${hint(l.piece)}" (${l.piece.length} chars) on output line ${
      l.outputLine
    }`,
  ]);
  section('right category, wrong or missing fix', report.fixMisses, r => [
    `${r.label.id}: ${r.fix.why}`,
  ]);
  section(
    'right category, labelled root cause not among the evidence',
    report.rootCauseMisses,
    r => [
      `${r.label.id}:`,
      `    got:      ${clip(r.out.rootCause ?? '-')}`,
      `    labelled: ${clip(r.label.rootCause)}`,
    ],
  );
  section('right category, other playbook id', report.playbookMisses, r => [
    `${r.label.id}: ${r.out.playbookId ?? 'none'}, expected ${
      r.expectedPlaybook ?? 'none'
    }`,
  ]);
  section('auto-fix on a wrong diagnosis', report.wrongAutoFixes, r => [
    `${r.label.id}: ${r.label.category} diagnosed as ${r.out.category}`,
  ]);
  return lines.join('\n');
}

module.exports = { formatReport };
