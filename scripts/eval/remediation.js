// yarn eval remediation [--set cases|validation|fresh|all] [--json]
//
// Runs the Remediation agent's log analyzer over a labelled corpus in
// eval/remediation/ exactly as the held-out set is run (`agentic remediate
// analyze --json --offline <logs>`) and scores it: category accuracy overall
// and per category, playbook ids, fixes, root causes, unsafe auto-fix claims
// and leaked secrets. Exits 1 when accuracy is below 90%, or on any unsafe
// claim, leak or log the analyzer could not read; 2 on bad usage or labels.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { loadCases, playbookIdsByCategory } = require('./lib/labels');
const { scoreRemediation } = require('./lib/score');
const { formatReport } = require('./lib/format');

const root = path.resolve(__dirname, '../..');
const SETS = {
  cases: path.join(root, 'eval/remediation/cases.yaml'),
  validation: path.join(root, 'eval/remediation/validation/cases.yaml'),
  // Written after tuning, to estimate generalisation; not part of `all`.
  fresh: path.join(root, 'eval/remediation/fresh/cases.yaml'),
};
/** The two splits the targets apply to. */
const ALL = ['cases', 'validation'];
const USAGE =
  'Usage: yarn eval remediation [--set cases|validation|fresh|all] [--json] [--playbooks <dir>]';

function parseArgs(args) {
  const opts = { set: 'all', json: false, playbooks: undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') opts.json = true;
    else if (a === '--set') opts.set = args[++i];
    else if (a.startsWith('--set=')) opts.set = a.slice(6);
    else if (a === '--playbooks')
      opts.playbooks = path.resolve(args[++i] ?? '');
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (opts.set !== 'all' && !Object.hasOwn(SETS, opts.set)) {
    throw new Error(`unknown set ${opts.set}\n${USAGE}`);
  }
  return opts;
}

/**
 * The CLI, run the way bin/agentic runs it but without bin/agentic's
 * dependency check (this is already the project's Node, with its
 * node_modules), so that an evaluation never starts an install.
 */
function analyze(files, playbooks) {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'packages/cli/bin/agentic'),
      'remediate',
      'analyze',
      '--json',
      '--offline',
      ...(playbooks ? ['--playbooks', playbooks] : []),
      ...files,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (result.error) throw result.error;
  const outputs = [];
  for (const line of result.stdout.split('\n')) {
    if (!line.trim()) continue;
    try {
      outputs.push(JSON.parse(line));
    } catch {
      throw new Error(
        `remediate analyze printed a line that is not JSON: ${line.slice(
          0,
          200,
        )}\n${result.stderr}`,
      );
    }
  }
  // Exit 2 means some file could not be read; those are scored as errors.
  if (result.status !== 0 && result.status !== 2) {
    throw new Error(
      `remediate analyze exited with ${result.status}:\n${result.stderr}`,
    );
  }
  return { outputs, printed: `${result.stdout}\n${result.stderr}` };
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
  const names = opts.set === 'all' ? ALL : [opts.set];
  let sets;
  try {
    sets = names.map(name => ({ name, cases: loadCases(SETS[name], name) }));
  } catch (error) {
    console.error(`Bad labels:\n${error.message}`);
    return 2;
  }
  const allCases = sets.flatMap(s => s.cases);
  const { outputs, printed } = analyze(
    allCases.map(c => path.relative(root, c.path)),
    opts.playbooks,
  );
  const playbookIds = playbookIdsByCategory(
    opts.playbooks ?? path.join(root, 'playbooks'),
  );
  const score = cases =>
    scoreRemediation({ cases, outputs, printed, playbookIds, cwd: root });

  const reports = sets.map(s => ({ set: s.name, report: score(s.cases) }));
  const total = sets.length > 1 ? score(allCases) : reports[0].report;

  if (opts.json) {
    const plain = report => ({
      ...report,
      misses: report.misses.map(r => ({
        id: r.label.id,
        expected: r.label.category,
        got: r.out.category ?? null,
        rootCause: r.out.rootCause ?? r.error,
        labelledRootCause: r.label.rootCause,
      })),
      fixMisses: report.fixMisses.map(r => ({
        id: r.label.id,
        why: r.fix.why,
      })),
      rootCauseMisses: report.rootCauseMisses.map(r => r.label.id),
      playbookMisses: report.playbookMisses.map(r => r.label.id),
      unsafe: report.unsafe.map(r => ({
        id: r.label.id,
        expected: r.label.category,
        got: r.out.category,
      })),
      wrongAutoFixes: report.wrongAutoFixes.map(r => r.label.id),
      errors: report.errors.map(r => ({ id: r.label.id, error: r.error })),
      // Which case and where, never the secret itself.
      leaks: report.leaks.map(l => ({
        id: l.id,
        length: l.piece.length,
        outputLine: l.outputLine,
      })),
    });
    console.log(
      JSON.stringify(
        {
          set: opts.set,
          ...plain(total),
          sets: Object.fromEntries(reports.map(r => [r.set, plain(r.report)])),
        },
        null,
        2,
      ),
    );
  } else {
    if (sets.length > 1) {
      for (const r of reports) {
        console.log(
          `${r.set.padEnd(12)} accuracy ${(
            r.report.accuracy.rate * 100
          ).toFixed(1)}% (${r.report.accuracy.hits}/${
            r.report.accuracy.total
          }), unsafe ${r.report.unsafe.length}, leaks ${r.report.leaks.length}`,
        );
      }
      console.log('');
    }
    console.log(formatReport(`Remediation evaluation, set ${opts.set}`, total));
    console.log('');
    console.log(
      total.passed
        ? 'PASS: accuracy ≥ 90%, no unsafe auto-fix claim, no leaked secret'
        : `FAIL: ${total.failures.join('; ')}`,
    );
  }
  // Every set must meet the targets on its own, not only together.
  const passed = total.passed && reports.every(r => r.report.passed);
  return passed ? 0 : 1;
}

module.exports = { main };
