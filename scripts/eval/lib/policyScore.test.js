// node --test scripts/eval/lib/*.test.js
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { loadPolicyCases, ruleSeverities } = require('./policyLabels');
const { scorePolicy, caseOf } = require('./policyScore');
const { formatPolicyReport } = require('./policyFormat');

const kase = (casePath, expected = [], files = [casePath]) => ({
  path: casePath,
  expected: expected.map(e => ({ status: 'violated', ...e })),
  notes: '',
  compliant: expected.length === 0,
  files,
});

const finding = (over = {}) => ({
  ruleId: 's3-encryption',
  severity: 'high',
  file: 'terraform/logs/main.tf',
  line: 3,
  resource: 'aws_s3_bucket.logs',
  message: 'm',
  remediation: 'r',
  frameworks: [],
  status: 'violated',
  ...over,
});

const severities = new Map([
  ['s3-encryption', 'high'],
  ['s3-versioning', 'medium'],
  ['hardcoded-secret', 'critical'],
  ['docker-root-user', 'medium'],
]);

const score = (cases, findings, errors = []) =>
  scorePolicy({ cases, report: { findings, errors }, severities });

describe('caseOf', () => {
  const cases = [kase('docker/app'), kase('docker/app-worker')];

  it('gives a file to the case that is it or holds it, not to one that only shares a prefix', () => {
    assert.equal(caseOf(cases, 'docker/app/Dockerfile').path, 'docker/app');
    assert.equal(
      caseOf(cases, 'docker/app-worker/Dockerfile').path,
      'docker/app-worker',
    );
    assert.equal(caseOf(cases, 'docker/application/Dockerfile'), undefined);
  });
});

describe('scorePolicy', () => {
  it('matches findings to labels by rule and resource, and counts recall per rule', () => {
    const cases = [
      kase('terraform/logs', [
        { ruleId: 's3-encryption', resource: 'aws_s3_bucket.logs' },
        { ruleId: 's3-versioning', resource: 'aws_s3_bucket.logs' },
      ]),
    ];
    const report = score(cases, [finding()]);
    assert.deepEqual(report.recall, { hits: 1, total: 2, rate: 0.5 });
    const perRule = Object.fromEntries(report.perRule.map(r => [r.ruleId, r]));
    assert.equal(perRule['s3-encryption'].rate, 1);
    assert.equal(perRule['s3-versioning'].rate, 0);
    assert.deepEqual(
      report.misses.map(m => [m.case, m.ruleId, m.severity]),
      [['terraform/logs', 's3-versioning', 'medium']],
    );
    // A medium miss alone does not fail the evaluation.
    assert.equal(report.passed, true);
  });

  it('fails on a missed critical or high finding, and counts a rule without severity as high', () => {
    const cases = [
      kase('config/app', [
        { ruleId: 'hardcoded-secret', resource: 'config/app/.env:3' },
      ]),
      kase('k8s/web.yaml', [
        { ruleId: 'k8s-privileged', resource: 'Deployment/web' },
      ]),
    ];
    const report = score(cases, []);
    assert.deepEqual(
      report.blockingMisses.map(m => m.severity),
      ['critical', 'high'],
    );
    assert.equal(report.passed, false);
    assert.match(report.failures[0], /2 critical\/high finding\(s\) missed/);
  });

  it('lists findings nobody labelled as false positives, those outside every case too', () => {
    const cases = [
      kase('terraform/logs', [
        { ruleId: 's3-encryption', resource: 'aws_s3_bucket.logs' },
      ]),
    ];
    const report = score(cases, [
      finding(),
      finding({ ruleId: 'required-tags', severity: 'low' }),
      finding({ file: 'elsewhere/main.tf' }),
    ]);
    assert.deepEqual(
      report.falsePositives.map(f => [f.case, f.ruleId]),
      [
        ['terraform/logs', 'required-tags'],
        [null, 's3-encryption'],
      ],
    );
    assert.deepEqual(report.precision, { hits: 1, total: 3, rate: 1 / 3 });
  });

  it('counts one resource reported twice by a rule (two secrets on a line) once', () => {
    const secret = {
      ruleId: 'hardcoded-secret',
      severity: 'critical',
      file: 'config/deploy.sh',
      resource: 'config/deploy.sh:8',
    };
    const report = score(
      [kase('config/deploy.sh', [secret])],
      [finding(secret), finding(secret)],
    );
    assert.equal(report.recall.rate, 1);
    assert.deepEqual(report.falsePositives, []);
  });

  it('fails when 5% or more of the compliant cases have a finding, and says which', () => {
    const compliant = Array.from({ length: 20 }, (_, i) =>
      kase(`docker/ok-${i}`),
    );
    const flagged = finding({
      ruleId: 'docker-root-user',
      file: 'docker/ok-3/Dockerfile',
      resource: 'docker/ok-3/Dockerfile',
    });
    const report = score(compliant, [flagged]);
    assert.deepEqual(report.compliantShare, {
      hits: 1,
      total: 20,
      rate: 0.05,
    });
    assert.deepEqual(report.compliantFlagged, [
      { case: 'docker/ok-3', findings: 1 },
    ]);
    assert.equal(report.passed, false);
    assert.match(report.failures.join(), /5\.0% of compliant cases/);

    const moreCases = score(
      [...compliant, ...Array.from({ length: 5 }, (_, i) => kase(`x/${i}`))],
      [flagged],
    );
    assert.equal(moreCases.passed, true);
  });

  it('reports a finding found with another status than labelled, without counting it a miss', () => {
    const report = score(
      [
        kase('terraform/db', [
          {
            ruleId: 's3-encryption',
            resource: 'aws_s3_bucket.logs',
            status: 'unknown',
          },
        ]),
      ],
      [finding({ file: 'terraform/db/main.tf' })],
    );
    assert.equal(report.recall.rate, 1);
    assert.deepEqual(
      report.statusMismatches.map(s => [s.status, s.got]),
      [['unknown', 'violated']],
    );
  });

  it('gives scan errors to their cases, and keeps the others', () => {
    const report = score(
      [kase('k8s/chart')],
      [],
      [
        { file: 'k8s/chart/templates/deploy.yaml', error: 'a Helm template' },
        { file: '/abs/missing', error: 'no such file or directory' },
      ],
    );
    assert.deepEqual(
      report.errors.map(e => e.case),
      ['k8s/chart'],
    );
    assert.equal(report.unattributedErrors.length, 1);
    assert.match(
      formatPolicyReport('t', report),
      /scan errors \(2\):\n {4}k8s\/chart\/templates\/deploy\.yaml: a Helm template/,
    );
  });
});

describe('loadPolicyCases', () => {
  let dir;
  const write = (file, content) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };
  const labels = yaml => {
    write('cases.yaml', yaml);
    return path.join(dir, 'cases.yaml');
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-policy-labels-'));
    write(
      'cases/terraform/logs/main.tf',
      'resource "aws_s3_bucket" "logs" {}\n',
    );
    write('cases/terraform/logs/modules/b/main.tf', '\n');
    write('cases/docker/app/Dockerfile', 'FROM node\n');
    write('cases/config/.env', 'A=1\nTOKEN=abcdefgh\n');
    write('cases/k8s/ok.yaml', 'apiVersion: v1\nkind: Pod\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads paths, findings and notes, and calls a case without findings compliant', () => {
    const cases = loadPolicyCases(
      labels(
        [
          '- path: terraform/logs',
          '  expected:',
          '    - {ruleId: s3-encryption, resource: aws_s3_bucket.logs}',
          '    - {ruleId: s3-versioning, resource: \'module.b["x"].aws_s3_bucket.this[0]\', status: unknown}',
          '- path: docker/app/',
          '  expected: [{ruleId: docker-root-user, resource: docker/app/Dockerfile}]',
          '- path: config/.env',
          "  expected: [{ruleId: hardcoded-secret, resource: 'config/.env:2'}]",
          '- path: k8s/ok.yaml',
          '  expected: []',
          '  notes: nothing to find',
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      cases.map(c => [c.path, c.compliant, c.expected.length, c.files.length]),
      [
        ['terraform/logs', false, 2, 2],
        ['docker/app', false, 1, 1],
        ['config/.env', false, 1, 1],
        ['k8s/ok.yaml', true, 0, 1],
      ],
    );
    assert.equal(cases[0].expected[0].status, 'violated');
    assert.equal(cases[0].expected[1].status, 'unknown');
    assert.equal(cases[3].notes, 'nothing to find');
  });

  it('names every problem of a labels file', () => {
    const file = labels(
      [
        '- path: terraform/logs',
        '  expect: []',
        '- path: terraform/logs/modules/b',
        '  expected:',
        '    - {ruleId: s3-encrypted, resource: aws_s3_bucket.logs}',
        '    - {ruleId: s3-versioning, resource: logs bucket}',
        '    - {ruleId: s3-versioning, resource: logs bucket}',
        '- path: docker/app',
        '  expected: [{ruleId: docker-root-user, resource: Dockerfile}]',
        '- path: config/.env',
        "  expected: [{ruleId: hardcoded-secret, resource: 'config/.env:9'}]",
        '- path: ../outside',
        '  expected: []',
        '- path: k8s/missing.yaml',
        '  expected: [{ruleId: k8s-privileged, resource: web}]',
      ].join('\n'),
    );
    assert.throws(
      () => loadPolicyCases(file),
      error => {
        const expected = [
          /case terraform\/logs: unknown key "expect"/,
          /case terraform\/logs: "expected" must be a list/,
          /unknown rule id "s3-encrypted"/,
          /resource":"logs bucket"}: not a Terraform address/,
          /listed twice/,
          /a Dockerfile finding names its file/,
          /config\/.env has no line 9/,
          /case \.\.\/outside: "path" must be relative to the cases folder/,
          /case k8s\/missing.yaml: no such file or folder/,
          /not Kind\/namespace\/name/,
          /case terraform\/logs\/modules\/b: inside case terraform\/logs/,
          /k8s\/ok.yaml: in cases\/ but in no case/,
        ];
        for (const pattern of expected) assert.match(error.message, pattern);
        return true;
      },
    );
  });

  it('checks that every rule fails in enough cases, when asked', () => {
    const file = labels(
      [
        '- path: terraform/logs',
        '  expected: [{ruleId: s3-encryption, resource: aws_s3_bucket.logs}]',
        '- path: docker/app',
        '  expected: []',
        '- path: config/.env',
        '  expected: []',
        '- path: k8s/ok.yaml',
        '  expected: []',
      ].join('\n'),
    );
    assert.equal(loadPolicyCases(file).length, 4);
    assert.throws(
      () => loadPolicyCases(file, { minFailingCases: 2 }),
      error =>
        /rule s3-encryption: fails in 1 case\(s\), fewer than 2/.test(
          error.message,
        ) && /rule k8s-privileged: fails in 0 case/.test(error.message),
    );
  });

  it("reads the rules' severities from a policies folder", () => {
    write(
      'policies/terraform/s3-encryption.yaml',
      'id: s3-encryption\nseverity: high\n',
    );
    write('policies/README.md', '# Policies\n');
    assert.deepEqual(
      [...ruleSeverities(path.join(dir, 'policies'))],
      [['s3-encryption', 'high']],
    );
    assert.equal(ruleSeverities(path.join(dir, 'nowhere')).size, 0);
  });
});
