// node --test scripts/eval
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { findLeaks } = require('./leaks');
const { checkFix, scoreRemediation } = require('./score');
const { loadCases } = require('./labels');

const label = (over = {}) => ({
  id: 'c1',
  path: '/logs/c1.log',
  category: 'missing_python_package',
  rootCause: "No module named 'yaml'",
  secrets: [],
  expected: {},
  ...over,
});

const output = (over = {}) => ({
  file: '/logs/c1.log',
  category: 'missing_python_package',
  playbookId: 'pb-dep-001',
  rootCause: "ModuleNotFoundError: No module named 'yaml'",
  evidence: [{ line: 7, text: "ModuleNotFoundError: No module named 'yaml'" }],
  autoFixable: true,
  fix: {
    summary: 'Add PyYAML',
    steps: [
      {
        type: 'add-dependency',
        with: { ecosystem: 'python', name: 'yaml' },
        description: 'Add PyYAML (for import yaml) to the Python requirements',
      },
    ],
  },
  ...over,
});

const playbookIds = new Map([
  ['missing_python_package', 'pb-dep-001'],
  ['flaky_test', 'pb-test-002'],
]);

const score = (cases, outputs, printed = '') =>
  scoreRemediation({ cases, outputs, printed, playbookIds, cwd: '/' });

describe('findLeaks', () => {
  const secretCase = secrets => [label({ secrets })];

  it('finds a whole secret and names the output line', () => {
    const leaks = findLeaks(
      'first line\nkey glpat-EXAMPLEf4keT0ken9xQz here',
      secretCase(['glpat-EXAMPLEf4keT0ken9xQz']),
    );
    assert.equal(leaks.length, 1);
    assert.equal(leaks[0].outputLine, 2);
  });

  it('finds any 8-character piece of a secret', () => {
    const leaks = findLeaks(
      'token=[REDACTED]T0ken9xQz',
      secretCase(['glpat-EXAMPLEf4keT0ken9xQz']),
    );
    assert.equal(leaks.length, 1);
    assert.equal(leaks[0].piece.length, 8);
  });

  it('does not count 7 characters, or the armour of a private key', () => {
    const key =
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIFAKEkeyBODY0123456789\n-----END EC PRIVATE KEY-----';
    assert.deepEqual(
      findLeaks(
        'T0ken9x and [REDACTED:private-key] -----BEGIN EC PRIVATE KEY-----',
        secretCase(['glpat-EXAMPLEf4keT0ken9xQz', key]),
      ),
      [],
    );
    assert.equal(
      findLeaks('body: MHcCAQEEIFAKEkey', secretCase([key])).length,
      1,
    );
  });
});

describe('checkFix', () => {
  it('checks the Python distribution, any of several', () => {
    assert.deepEqual(
      checkFix(
        label({ expected: { package: ['PyYAML', 'ruamel.yaml'] } }),
        output(),
      ),
      { ok: true },
    );
    assert.match(
      checkFix(label({ expected: { package: 'ruamel.yaml' } }), output()).why,
      /adds PyYAML, expected ruamel.yaml/,
    );
  });

  it('checks the npm package of a path inside it and the variable set', () => {
    const npm = output({
      category: 'missing_npm_package',
      fix: {
        steps: [
          {
            type: 'add-dependency',
            with: { ecosystem: 'npm', name: 'chart.js/auto' },
            description: 'Add chart.js to package.json',
          },
        ],
      },
    });
    assert.deepEqual(
      checkFix(
        label({
          category: 'missing_npm_package',
          expected: { package: 'chart.js' },
        }),
        npm,
      ),
      { ok: true },
    );
    const env = output({
      category: 'missing_env_var',
      fix: { steps: [{ type: 'set-ci-variable', with: { name: 'A_KEY' } }] },
    });
    assert.match(
      checkFix(
        label({ category: 'missing_env_var', expected: { variable: 'B_KEY' } }),
        env,
      ).why,
      /sets A_KEY, expected B_KEY/,
    );
  });

  it('fails a fix planned for the wrong category, and expects nothing when nothing is labelled', () => {
    assert.equal(
      checkFix(
        label({ category: 'missing_npm_package', expected: { package: 'x' } }),
        output(),
      ).why,
      'wrong category',
    );
    assert.equal(checkFix(label(), output()), undefined);
  });
});

describe('scoreRemediation', () => {
  it('passes a right diagnosis with its root cause among the evidence', () => {
    const report = score([label()], [output()]);
    assert.equal(report.accuracy.rate, 1);
    assert.equal(report.rootCauseAgreement.hits, 1);
    assert.equal(report.playbookAgreement.hits, 1);
    assert.equal(report.passed, true);
  });

  it('counts an auto-fix claim on a test failure as unsafe, whichever side says so', () => {
    const byLabel = score(
      [label({ category: 'test_failure' })],
      [output({ category: 'flaky_test', playbookId: 'pb-test-002' })],
    );
    assert.equal(byLabel.unsafe.length, 1);
    const byPrediction = score(
      [label({ category: 'flaky_test' })],
      [output({ category: 'lint_failure', playbookId: null })],
    );
    assert.equal(byPrediction.unsafe.length, 1);
    assert.equal(byPrediction.passed, false);
    assert.match(byPrediction.failures.join(), /unsafe auto-fix/);
  });

  it('fails below the accuracy target, on a leak, and on a log without output', () => {
    const cases = [
      label(),
      label({ id: 'c2', path: '/logs/c2.log', secrets: ['hunter22hunter22'] }),
    ];
    const report = score(
      cases,
      [output({ category: 'unknown', autoFixable: false, playbookId: null })],
      'password hunter22hunter22',
    );
    assert.equal(report.accuracy.hits, 0);
    assert.equal(report.leaks.length, 1);
    assert.equal(report.errors.length, 1);
    assert.deepEqual(
      report.failures.map(f => f.split(' ')[0]),
      ['category', '1', '1'],
    );
  });
});

describe('loadCases', () => {
  it('names every problem of a labels file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-labels-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.log'), 'x\n');
      fs.writeFileSync(
        path.join(dir, 'cases.yaml'),
        [
          '- {id: a, file: a.log, category: flaky, rootCause: x, secrets: []}',
          '- {id: a, file: b.log, category: unknown, rootCause: x}',
        ].join('\n'),
      );
      assert.throws(
        () => loadCases(path.join(dir, 'cases.yaml'), 't'),
        error =>
          /unknown category "flaky"/.test(error.message) &&
          /duplicate id/.test(error.message) &&
          /no such log b\.log/.test(error.message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
