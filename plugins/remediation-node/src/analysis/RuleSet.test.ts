import { makeLibrary, playbook, playbooks } from '../__testUtils__/library';
import { innocentLines, realLines } from '../__testUtils__/realLines';
import { cleanLine } from '../log/cleanLine';
import { toLatin1 } from '../log/readLines';
import { RuleSet } from './RuleSet';

const keys = (scan: ReturnType<RuleSet['scan']>) =>
  scan.hits.map(h => h.rule.key).sort();

/** What the literal automaton finds in the bytes of one line. */
function knownOf(rules: RuleSet, line: string): Set<number> {
  const bytes = Buffer.from(`${line}\n`, 'utf8');
  let found = new Set<number>();
  rules.literals.linesWithLiterals(bytes, 0, bytes.length, (_s, _e, _i, f) => {
    found = new Set(f);
  });
  return found;
}

describe('RuleSet', () => {
  const rules = new RuleSet(playbooks());

  it('compiles every rule of every playbook and classifier', () => {
    const library = playbooks();
    const count = [...library.playbooks, ...library.classifiers].reduce(
      (n, owner) => n + owner.rules.length,
      0,
    );
    expect(rules.rules).toHaveLength(count);
    const moduleRule = rules.rules.find(
      r => r.key === 'pb-dep-001/module-not-found',
    )!;
    expect(moduleRule).toMatchObject({
      category: 'missing_python_package',
      playbookId: 'pb-dep-001',
      risk: 'medium',
    });
    const tsc = rules.rules.find(r => r.key === 'cls-build-001/tsc')!;
    expect(tsc.playbookId).toBeUndefined();
    expect(tsc.risk).toBeUndefined();
    expect(tsc.category).toBe('compilation_error');
  });

  it('has a literal for every pattern of the playbooks', () => {
    expect(rules.everyLine).toBe(false);
  });

  describe.each(Object.entries(realLines))('%s', (key, lines) => {
    it.each(lines)('matches %j', line => {
      expect(keys(rules.scan(line, true))).toContain(key);
      // The same through the literals the automaton finds in its bytes.
      expect(keys(rules.scan(line, true, knownOf(rules, line)))).toContain(key);
    });
  });

  // Lines a broader rule once took, now each a rule's own so that it has its
  // own priority, confidence and prefer: the broader rule leaves them alone.
  it.each([
    [
      'ERROR: Cannot install flask==2.0.0 and werkzeug==3.0.0 because these package versions have conflicting dependencies.',
      'pb-dep-003/pip-cannot-install',
    ],
    [
      '[WARNING] Rule 0: org.apache.maven.plugins.enforcer.DependencyConvergence failed with message:',
      'pb-dep-003/maven-enforcer-banner',
    ],
    ['ERROR: Job failed: exit code 137', 'pb-resource-001/exit-code-137'],
    [
      '+++++++++++++++++++++++++++++++++++ Timeout ++++++++++++++++++++++++++++++++++++',
      'pb-test-001/pytest-timeout-banner',
    ],
    ['[ERROR] COMPILATION ERROR : ', 'cls-build-001/javac-banner'],
    [
      '    expect(received).toBe(expected) // Object.is equality',
      'cls-test-001/jest-expect',
    ],
    ['FAIL\tgithub.com/shop/orders\t0.012s', 'cls-test-001/go-test-package'],
    [
      'org.opentest4j.AssertionFailedError: expected: <3> but was: <4>',
      'cls-test-001/junit-assertion',
    ],
  ])('gives %j to %s alone', (line, key) => {
    expect(keys(rules.scan(line, true))).toEqual([key]);
  });

  it.each(innocentLines)('finds no failure in %j', line => {
    expect(rules.scan(line, true).hits).toEqual([]);
  });

  it('returns the same scan whether the caller knows the literals or not', () => {
    for (const line of [...Object.values(realLines).flat(), ...innocentLines]) {
      const direct = rules.scan(line, true);
      const viaBytes = rules.scan(line, true, knownOf(rules, line));
      expect(keys(viaBytes)).toEqual(keys(direct));
      expect(viaBytes.alsoSeen).toEqual(direct.alsoSeen);
      expect(viaBytes.mightHoldSecret).toBe(direct.mightHoldSecret);
    }
  });

  describe('facts', () => {
    it('takes named groups as facts', () => {
      // Python's own message, and the same words as any tool may quote them.
      const scan = rules.scan("ModuleNotFoundError: No module named 'yaml'");
      expect(scan.hits.map(h => [h.rule.key, h.facts])).toEqual([
        ['pb-dep-001/module-not-found', { module: 'yaml' }],
        ['pb-dep-001/no-module-named-quoted', { module: 'yaml' }],
      ]);
      expect(
        rules.scan("ModuleNotFoundError: No module named 'sklearn.ensemble'")
          .hits[0].facts,
      ).toEqual({ module: 'sklearn' });
      expect(
        rules.scan("Error: Cannot find module '@babel/core/lib/x.js'").hits[0]
          .facts,
      ).toEqual({ package: '@babel/core' });
    });

    it('leaves out groups that did not take part in the match', () => {
      const library = makeLibrary({
        playbooks: [
          playbook('pb-x-001', 'flaky_test', [
            {
              id: 'either',
              pattern: 'flaky (?:test (?<test>\\w+)|suite (?<suite>\\w+))',
              priority: 50,
            },
          ]),
        ],
      });
      const scan = new RuleSet(library).scan('flaky suite checkout');
      expect(scan.hits[0].facts).toEqual({ suite: 'checkout' });
    });

    it('keeps constant facts on the rule, for the scanner to merge', () => {
      const scan = rules.scan(
        'FATAL ERROR: Reached heap limit Allocation failed',
      );
      expect(scan.hits.map(h => h.rule.key)).toEqual([
        'pb-resource-001/node-heap',
      ]);
      expect(scan.hits[0].rule.spec.facts).toEqual({ target: 'node' });
      expect(scan.hits[0].facts).toEqual({});
    });

    it('captures non-ASCII text as text', () => {
      const library = makeLibrary({
        playbooks: [
          playbook('pb-x-001', 'missing_env_var', [
            {
              id: 'quoted',
              pattern: 'variable «(?<name>[^»]+)» manquante',
              priority: 50,
            },
          ]),
        ],
      });
      const set = new RuleSet(library);
      const line = 'la variable «CLÉ_API» manquante';
      expect(set.scan(line).hits[0].facts).toEqual({ name: 'CLÉ_API' });
      expect(set.scan(line, false, knownOf(set, line)).hits[0].facts).toEqual({
        name: 'CLÉ_API',
      });
    });
  });

  describe('noise', () => {
    it.each([
      'npm WARN deprecated request@2.88.2: connection reset by peer handling is broken',
      'WARNING: Retrying (Retry(total=4)) after connection broken by ReadTimeoutError: Read timed out.',
      "  warning: ModuleNotFoundError: No module named 'optional_extra'",
      '$ npm run lint || echo "lint failed"',
      'DeprecationWarning: ECONNRESET handling will change',
    ])('ignores the rule hits of %j', line => {
      expect(rules.scan(line, true).hits).toEqual([]);
    });

    it('still reports what the same line says without the noise', () => {
      expect(keys(rules.scan('Read timed out.', true))).toContain(
        'pb-infra-001/timeouts',
      );
    });

    it('applies each noise pattern with its own flags', () => {
      const library = makeLibrary({
        playbooks: [
          playbook('pb-x-001', 'network_timeout', [
            { id: 'timeout', pattern: 'timed out', priority: 50 },
          ]),
        ],
        noise: [
          {
            id: 'n',
            patterns: [
              { pattern: '^IGNORED' },
              { pattern: '^quiet', flags: 'i' },
            ],
          },
        ],
      });
      const set = new RuleSet(library);
      expect(set.scan('IGNORED: timed out').hits).toEqual([]);
      expect(set.scan('ignored: timed out').hits).toHaveLength(1);
      expect(set.scan('QUIET: timed out').hits).toEqual([]);
      expect(set.scan('Quiet: timed out').hits).toEqual([]);
    });
  });

  describe('alsoSeen', () => {
    it('reports the rules whose alsoSeen pattern the line holds', () => {
      const scan = rules.scan(
        'ERROR: ResolutionImpossible: for help visit https://pip.pypa.io',
      );
      expect(scan.alsoSeen).toContain('pb-dep-003/pip-conflict-requested');
      expect(keys(scan)).toEqual(['pb-dep-003/pip-resolution-impossible']);
    });

    it('applies the rule flags to alsoSeen', () => {
      const library = makeLibrary({
        playbooks: [
          playbook('pb-x-001', 'flaky_test', [
            {
              id: 'r',
              pattern: 'test failed',
              flags: 'i',
              alsoSeen: 'rerun marker',
              priority: 50,
            },
          ]),
        ],
      });
      const set = new RuleSet(library);
      expect(set.scan('RERUN MARKER').alsoSeen).toEqual(['pb-x-001/r']);
      expect(set.scan('rerun mark').alsoSeen).toEqual([]);
    });

    it('reports alsoSeen on a line that matches no rule', () => {
      const scan = rules.scan('  Field required [type=missing]');
      expect(scan.hits).toEqual([]);
      expect(scan.alsoSeen).toEqual([
        'pb-env-001/pydantic-settings-field-required',
      ]);
    });
  });

  describe('cleaning', () => {
    it('asks for cleaning when a line holds escape codes, CRs or section markers', () => {
      for (const line of [
        '\x1b[31mModuleNotFoundError\x1b[0m: No module named x',
        'progress 10%\rdone',
        'section_start:1:step\r\x1b[0Kstep',
        'ok\r',
      ]) {
        const scan = rules.scan(line);
        expect(scan.needsCleaning).toBe(true);
        expect(scan.hits).toEqual([]);
        expect(scan.mightHoldSecret).toBe(true);
      }
    });

    it('scans a line it was told is clean', () => {
      const raw = "\x1b[31mModuleNotFoundError: No module named 'yaml'\x1b[0m";
      const clean = cleanLine(raw);
      const scan = rules.scan(clean, true);
      expect(scan.needsCleaning).toBeUndefined();
      expect(keys(scan)).toEqual([
        'pb-dep-001/module-not-found',
        'pb-dep-001/no-module-named-quoted',
      ]);
      expect(scan.hits.map(h => h.facts)).toEqual([
        { module: 'yaml' },
        { module: 'yaml' },
      ]);
    });

    it('finds a rule whose literal the escape codes had split', () => {
      const raw = 'No space left\x1b[0m on device';
      expect(rules.scan(raw).needsCleaning).toBe(true);
      expect(keys(rules.scan(cleanLine(raw), true))).toEqual([
        'pb-resource-002/no-space-left',
      ]);
    });

    it('does not ask for cleaning a line without markers', () => {
      expect(rules.scan('plain line').needsCleaning).toBeUndefined();
    });
  });

  describe('mightHoldSecret', () => {
    it.each([
      ['export GITLAB_TOKEN=abc', true],
      ['DB_PASSWORD=hunter2', true],
      ['Authorization: Bearer x', true],
      ['-----BEGIN RSA PRIVATE KEY-----', true],
      ['git clone https://user:pw@gitlab.example.com/g/p.git', true],
      ['Downloading https://files.example.com/x.whl', false],
      ['plain line', false],
      ['', false],
    ])('%j → %s', (line, expected) => {
      expect(rules.scan(line, true).mightHoldSecret).toBe(expected);
      expect(rules.scan(line, true, knownOf(rules, line)).mightHoldSecret).toBe(
        expected,
      );
    });

    it('is reported along with rule hits', () => {
      const scan = rules.scan(
        "KeyError: 'API_TOKEN' while reading secret settings",
        true,
      );
      expect(keys(scan)).toContain('pb-env-001/python-environ-keyerror');
      expect(scan.mightHoldSecret).toBe(true);
    });
  });

  describe('patterns', () => {
    it('runs each rule with its own case rules', () => {
      expect(keys(rules.scan('no space left on device', true))).toEqual([
        'pb-resource-002/no-space-left',
      ]);
      // `[Nn]o space`, case-sensitive otherwise.
      expect(rules.scan('NO SPACE LEFT ON DEVICE', true).hits).toEqual([]);
      // passed-on-retry has flags: i.
      expect(keys(rules.scan('TEST SUITE PASSED ON ATTEMPT 2', true))).toEqual([
        'pb-test-002/passed-on-retry',
      ]);
      // junit-timeout has none.
      expect(
        keys(rules.scan('test timed out after 5000 milliseconds', true)),
      ).toEqual(['pb-test-001/junit-timeout']);
      expect(
        rules.scan('TEST TIMED OUT AFTER 5000 MILLISECONDS', true).hits,
      ).toEqual([]);
    });

    it('tries a pattern without any literal on every line', () => {
      const library = makeLibrary({
        playbooks: [
          playbook('pb-x-001', 'test_failure', [
            { id: 'digits', pattern: '^\\d+$', priority: 50 },
          ]),
        ],
      });
      const set = new RuleSet(library);
      expect(set.everyLine).toBe(true);
      expect(keys(set.scan('12345'))).toEqual(['pb-x-001/digits']);
      expect(keys(set.scan('12345', false, knownOf(set, '12345')))).toEqual([
        'pb-x-001/digits',
      ]);
      expect(set.scan('12a45').hits).toEqual([]);
    });

    it('finds a pattern whose only literals are short', () => {
      const library = makeLibrary({
        playbooks: [
          playbook('pb-x-001', 'test_failure', [
            { id: 'hash', pattern: '^# \\d+', priority: 50 },
          ]),
        ],
      });
      const set = new RuleSet(library);
      expect(set.everyLine).toBe(false);
      expect(keys(set.scan('# 12', false, knownOf(set, '# 12')))).toEqual([
        'pb-x-001/hash',
      ]);
    });

    describe('with non-ASCII characters', () => {
      const set = new RuleSet(
        makeLibrary({
          classifiers: [
            {
              id: 'cls-x-001',
              title: 'x',
              category: 'test_failure',
              rules: [
                {
                  id: 'marks',
                  pattern: '[✗✘] (?<test>\\S+) failed',
                  priority: 50,
                },
                { id: 'repeat', pattern: 'result: ✖+ done', priority: 50 },
                {
                  id: 'caseless',
                  pattern: 'échec du test',
                  flags: 'i',
                  priority: 50,
                },
                { id: 'one-char', pattern: 'étape .: erreur', priority: 50 },
              ],
            },
          ],
        }),
      );
      it.each([
        ['✘ checkout failed', 'cls-x-001/marks'],
        ['✗ checkout failed', 'cls-x-001/marks'],
        ['result: ✖✖✖ done', 'cls-x-001/repeat'],
        ['ÉCHEC DU TEST total', 'cls-x-001/caseless'],
        ['Échec du test total', 'cls-x-001/caseless'],
        ['étape é: erreur', 'cls-x-001/one-char'],
      ])('matches %j', (line, key) => {
        expect(keys(set.scan(line))).toEqual([key]);
        expect(keys(set.scan(line, false, knownOf(set, line)))).toEqual([key]);
      });

      it('captures the text of a non-ASCII match', () => {
        expect(set.scan('✘ café failed').hits[0].facts).toEqual({
          test: 'café',
        });
      });

      it('matches the real lines of the non-ASCII playbook rules', () => {
        for (const [line, key] of [
          [
            '✖ 3 problems (3 errors, 0 warnings)',
            'cls-lint-001/eslint-summary',
          ],
          ['  ● Checkout › applies the discount', 'cls-test-001/jest-failure'],
        ]) {
          expect(keys(rules.scan(line, false, knownOf(rules, line)))).toContain(
            key,
          );
          // Their bytes, read as latin1, are what the automaton sees.
          expect(toLatin1(line)).not.toBe(line);
        }
      });
    });
  });
});
