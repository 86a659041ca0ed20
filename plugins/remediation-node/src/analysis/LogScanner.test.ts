import { makeLibrary, playbook, playbooks } from '../__testUtils__/library';
import { innocentLines, realLines } from '../__testUtils__/realLines';
import {
  referenceScan,
  SimpleOccurrence,
  SimpleScan,
} from '../__testUtils__/referenceScan';
import { Random, seededRandom } from '../__testUtils__/sampleMatches';
import { MAX_LINE_CHARS } from '../log/readLines';
import { PlaybookLibrary } from '../playbooks/loadPlaybooks';
import { Occurrence, scanLog, ScanOptions, ScanResult } from './LogScanner';
import { RuleSet } from './RuleSet';

// Fake secrets are assembled at run time so secret scanners do not flag this file.
const chars = (n: number, alphabet = 'aB3dE5fG7h') =>
  Array.from({ length: n }, (_, i) => alphabet[i % alphabet.length]).join('');
const GLPAT = `glpat-${chars(20)}`;
const GHP = `ghp_${chars(36)}`;
const KEY_BODY = [
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ',
];
const PEM = [
  '-----BEGIN PRIVATE KEY-----',
  ...KEY_BODY,
  '-----END PRIVATE KEY-----',
];

async function* chunked(
  data: Buffer,
  random: Random,
  sizes: { min: number; max: number },
) {
  let pos = 0;
  while (pos < data.length) {
    // Log-uniform sizes: many small pieces and some large ones.
    const span = Math.log(sizes.max / sizes.min);
    const size = Math.max(
      1,
      Math.round(sizes.min * Math.exp(random.next() * span)),
    );
    yield data.subarray(pos, pos + size);
    pos += size;
  }
}

async function* whole(...parts: Array<string | Buffer>) {
  for (const part of parts) yield part;
}

const simple = (o: Occurrence): SimpleOccurrence => ({
  line: o.line,
  text: o.text,
  facts: o.facts,
  before: o.before,
  after: o.after,
});

function simplify(result: ScanResult): SimpleScan {
  return {
    lines: result.lines,
    bytes: result.bytes,
    matches: Object.fromEntries(
      [...result.matches].map(([key, m]) => [
        key,
        { first: simple(m.first), last: simple(m.last), count: m.count },
      ]),
    ),
    alsoSeen: [...result.alsoSeen].sort(),
    tail: result.tail,
    redactions: result.redactions,
  };
}

const scan = async (
  log: string | Buffer,
  library: PlaybookLibrary = playbooks(),
  options: ScanOptions = {},
  pieces?: (data: Buffer) => AsyncIterable<Buffer>,
) => {
  const data = typeof log === 'string' ? Buffer.from(log, 'utf8') : log;
  return scanLog(
    pieces ? pieces(data) : whole(data),
    new RuleSet(library),
    options,
  );
};

/**
 * `length` characters of a word and spaces. Long lines are made of words, as
 * log lines are, not of one run of a character: some playbook patterns (such
 * as `\S+\.ya?ml is invalid$`) backtrack quadratically over a long run of
 * non-spaces, which costs the line-by-line reference (it runs every pattern
 * on every line) a tenth of a second per such line. What is cut where does
 * not depend on what a line holds.
 */
const words = (length: number, word: string) =>
  `${word} `.repeat(Math.ceil(length / (word.length + 1))).slice(0, length);

/** A random job log: failures, noise, colours, secrets, keys, long lines. */
function generateLog(random: Random, lineCount: number): string {
  const failures = Object.values(realLines).flat();
  const lines: string[] = [];
  const colour = (line: string) =>
    random.pick([
      () => `\x1b[31m${line}\x1b[0m`,
      () => `\x1b[32;1m${line}\x1b[0;m`,
      () => `section_start:1732540000:step_${random.int(9)}\r\x1b[0K${line}`,
      () => `section_start:1732540000:x[collapsed=true]\r\x1b[0K${line}`,
      () => `  0%\r 50%\r${line}`,
      () => `${line}\r`,
    ])();
  while (lines.length < lineCount) {
    const roll = random.next();
    let line: string;
    if (roll < 0.35) line = random.pick(innocentLines);
    else if (roll < 0.5) line = random.pick(failures);
    else if (roll < 0.55) line = '';
    else if (roll < 0.6)
      line = random.pick([
        `export GITLAB_TOKEN=${GLPAT}`,
        'DB_PASSWORD=hunter2',
        'git clone https://deploy:s3cr3t-pa55@gitlab.example.com/g/p.git',
        `KeyError: 'API_TOKEN' token=${GHP}`,
        "Cannot find module 'left-pad' password=hunter2",
        'PASSWORD=pàss wörd',
        "ModuleNotFoundError: No module named 'yaml' secret=abcdef",
        'Authorization: Bearer abcdef',
      ]);
    else if (roll < 0.63) {
      lines.push(...PEM);
      continue;
    } else if (roll < 0.66)
      line = random.pick([
        '  ✓ renders café (12 ms)',
        '构建失败: 见上文',
        'Ärger mit dem Build 😀',
        '✖ 3 problems (3 errors, 0 warnings)',
        '  ● Checkout › applies the discount',
      ]);
    else if (roll < 0.67)
      line =
        random.pick(['', 'ENOSPC ', 'token=abc ']) +
        words(MAX_LINE_CHARS - 50 + random.int(100), 'xxxxxxx') +
        random.pick(['', ' ENOSPC', ' No space left on device']);
    else if (roll < 0.68)
      line = `${words(random.int(4) * 30_000, 'yyy')}npm ERR! code ETIMEDOUT`;
    else if (roll < 0.75)
      line = random.pick([
        'npm WARN deprecated request@2.88.2: ECONNRESET handling is broken',
        'WARNING: Retrying after connection broken: Read timed out.',
        '$ npm run lint',
        'DeprecationWarning: ResolutionImpossible',
        '  Field required [type=missing]',
      ]);
    else line = `output line ${lines.length} of the job`;
    lines.push(random.next() < 0.2 ? colour(line) : line);
  }
  const text = lines.join('\n');
  return random.next() < 0.5 ? `${text}\n` : text;
}

describe('scanLog', () => {
  describe('against a line-by-line reference', () => {
    const library = playbooks();
    const settings: Array<{
      name: string;
      lines: number;
      sizes: { min: number; max: number };
      options: ScanOptions;
    }> = [
      {
        name: 'default options, chunks of 1 B to 64 KiB',
        lines: 1500,
        sizes: { min: 1, max: 65536 },
        options: {},
      },
      {
        name: 'tiny chunks',
        lines: 300,
        sizes: { min: 1, max: 16 },
        options: { tailBytes: 500 },
      },
      {
        name: 'large chunks, small tail, more context',
        lines: 2000,
        sizes: { min: 16384, max: 65536 },
        options: { tailBytes: 200, contextLines: 5 },
      },
      {
        name: 'one context line',
        lines: 800,
        sizes: { min: 100, max: 4096 },
        options: { tailBytes: 4000, contextLines: 1 },
      },
      {
        name: 'no context',
        lines: 800,
        sizes: { min: 1, max: 65536 },
        options: { tailBytes: 1000, contextLines: 0 },
      },
    ];

    for (const setting of settings) {
      it(`finds what the reference finds: ${setting.name}`, async () => {
        for (let round = 0; round < 6; round++) {
          const random = seededRandom(1000 * round + setting.lines);
          const log = Buffer.from(generateLog(random, setting.lines), 'utf8');
          const expected = referenceScan(log, library, setting.options);
          const actual = simplify(
            await scan(log, library, setting.options, data =>
              chunked(data, random, setting.sizes),
            ),
          );
          expect(actual).toEqual(expected);
        }
      });
    }

    it('finds what the reference finds when some pattern has no literal', async () => {
      const withoutLiteral = makeLibrary({
        playbooks: [
          playbook('pb-x-001', 'test_failure', [
            { id: 'numbered', pattern: '^output line \\d+5 ', priority: 50 },
          ]),
        ],
      });
      const random = seededRandom(99);
      const log = Buffer.from(generateLog(random, 600), 'utf8');
      const expected = referenceScan(log, withoutLiteral, {});
      expect(Object.keys(expected.matches)).toEqual(['pb-x-001/numbered']);
      const actual = simplify(
        await scan(log, withoutLiteral, {}, data =>
          chunked(data, random, { min: 1, max: 65536 }),
        ),
      );
      expect(actual).toEqual(expected);
    });
  });

  describe('counting', () => {
    it('counts lines and bytes', async () => {
      const result = await scan('a\nb\nc\n');
      expect(result.lines).toBe(3);
      expect(result.bytes).toBe(6);
    });

    it('counts a last line without a newline', async () => {
      expect((await scan('a\nb')).lines).toBe(2);
    });

    it('counts empty lines', async () => {
      expect((await scan('\n\n\n')).lines).toBe(3);
      expect((await scan('')).lines).toBe(0);
    });

    it('counts the bytes of string chunks as UTF-8', async () => {
      const result = await scanLog(whole('é\n', '✓'), new RuleSet(playbooks()));
      expect(result.bytes).toBe(6);
      expect(result.lines).toBe(2);
    });

    it('counts how often a rule matched', async () => {
      const result = await scan(
        ['ENOSPC', 'ok', 'ENOSPC again', 'ENOSPC third'].join('\n'),
      );
      expect(result.matches.get('pb-resource-002/no-space-left')?.count).toBe(
        3,
      );
    });
  });

  describe('occurrences', () => {
    const log = [
      'line 1',
      "ModuleNotFoundError: No module named 'yaml'",
      'line 3',
      'line 4',
      'line 5',
      'line 6',
      "ModuleNotFoundError: No module named 'requests'",
      'line 8',
    ].join('\n');

    it('keeps the first and last occurrence, with line numbers and facts', async () => {
      const result = await scan(log);
      const match = result.matches.get('pb-dep-001/module-not-found')!;
      expect(match.count).toBe(2);
      expect(match.first.line).toBe(2);
      expect(match.first.facts).toEqual({ module: 'yaml' });
      expect(match.last.line).toBe(7);
      expect(match.last.facts).toEqual({ module: 'requests' });
      expect(match.last.rule.key).toBe('pb-dep-001/module-not-found');
    });

    it('gives the lines around an occurrence', async () => {
      const match = (await scan(log)).matches.get(
        'pb-dep-001/module-not-found',
      )!;
      expect(match.first.before).toEqual([{ line: 1, text: 'line 1' }]);
      expect(match.first.after).toEqual([
        { line: 3, text: 'line 3' },
        { line: 4, text: 'line 4' },
        { line: 5, text: 'line 5' },
      ]);
      expect(match.last.before.map(l => l.line)).toEqual([4, 5, 6]);
      expect(match.last.after).toEqual([{ line: 8, text: 'line 8' }]);
    });

    it('has no context before a match on the first line', async () => {
      const match = (await scan('ENOSPC\nnext\n')).matches.get(
        'pb-resource-002/no-space-left',
      )!;
      expect(match.first.line).toBe(1);
      expect(match.first.before).toEqual([]);
      expect(match.first.after).toEqual([{ line: 2, text: 'next' }]);
    });

    it('matches the last line without a newline, with no context after it', async () => {
      const match = (
        await scan('a\nb\nwrite error: No space left on device')
      ).matches.get('pb-resource-002/no-space-left')!;
      expect(match.first.line).toBe(3);
      expect(match.first.text).toBe('write error: No space left on device');
      expect(match.first.before).toEqual([
        { line: 1, text: 'a' },
        { line: 2, text: 'b' },
      ]);
      expect(match.first.after).toEqual([]);
    });

    it('adds the constant facts of the rule', async () => {
      const match = (
        await scan('FATAL ERROR: Reached heap limit Allocation failed\n')
      ).matches.get('pb-resource-001/node-heap')!;
      expect(match.first.facts).toEqual({ target: 'node' });
    });

    it('gives the clean text of a coloured line', async () => {
      const match = (
        await scan(
          "section_start:1:step_script\r\x1b[0K\x1b[31mModuleNotFoundError: No module named 'yaml'\x1b[0m\r\n",
        )
      ).matches.get('pb-dep-001/module-not-found')!;
      expect(match.first.text).toBe(
        "ModuleNotFoundError: No module named 'yaml'",
      );
    });

    it('keeps non-ASCII text as UTF-8', async () => {
      const result = await scan(
        'Ärger ✓\n✖ 3 problems (3 errors, 0 warnings)\n构建失败\n',
      );
      const match = result.matches.get('cls-lint-001/eslint-summary')!;
      expect(match.first.text).toBe('✖ 3 problems (3 errors, 0 warnings)');
      expect(match.first.before).toEqual([{ line: 1, text: 'Ärger ✓' }]);
      expect(match.first.after).toEqual([{ line: 3, text: '构建失败' }]);
    });

    it('matches a line split inside a multi-byte character', async () => {
      const data = Buffer.from('ok\n✖ 3 problems (3 errors, 0 warnings)\n');
      const cut = data.indexOf(Buffer.from('✖')) + 1;
      const result = await scanLog(
        whole(data.subarray(0, cut), data.subarray(cut)),
        new RuleSet(playbooks()),
      );
      expect(
        result.matches.get('cls-lint-001/eslint-summary')?.first.text,
      ).toBe('✖ 3 problems (3 errors, 0 warnings)');
    });

    it('collects the context after a match across chunks', async () => {
      const result = await scanLog(
        whole('x\nENOS', 'PC\nafter 1\naf', 'ter 2\n', 'after 3\nafter 4\n'),
        new RuleSet(playbooks()),
      );
      const match = result.matches.get('pb-resource-002/no-space-left')!;
      expect(match.first.line).toBe(2);
      expect(match.first.before).toEqual([{ line: 1, text: 'x' }]);
      expect(match.first.after.map(l => l.text)).toEqual([
        'after 1',
        'after 2',
        'after 3',
      ]);
    });

    it('takes no context with contextLines 0', async () => {
      const match = (
        await scan('a\nENOSPC\nb\n', playbooks(), { contextLines: 0 })
      ).matches.get('pb-resource-002/no-space-left')!;
      expect(match.first.before).toEqual([]);
      expect(match.first.after).toEqual([]);
    });

    it('gives the full context before a match after long lines in earlier chunks', async () => {
      const long = (c: string) => c.repeat(MAX_LINE_CHARS - 10);
      const result = await scanLog(
        whole(`${long('a')}\n${long('b')}\n${long('c')}\n`, 'ENOSPC\n'),
        new RuleSet(playbooks()),
        { tailBytes: 1000 },
      );
      const match = result.matches.get('pb-resource-002/no-space-left')!;
      expect(match.first.before.map(l => l.line)).toEqual([1, 2, 3]);
      expect(match.first.before.map(l => l.text[0])).toEqual(['a', 'b', 'c']);
      // The tail is still about tailBytes.
      expect(result.tail.map(l => l.line)).toEqual([3, 4]);
    });
  });

  describe('tail', () => {
    it('keeps the last lines, about tailBytes of them', async () => {
      const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`);
      const result = await scan(lines.join('\n'), playbooks(), {
        tailBytes: 30,
      });
      // "line 97".."line 100": 8 + 8 + 8 + 9 >= 30.
      expect(result.tail.map(l => l.text)).toEqual([
        'line 97',
        'line 98',
        'line 99',
        'line 100',
      ]);
      expect(result.tail[0].line).toBe(97);
    });

    it('keeps every line of a short log', async () => {
      const result = await scan('a\nb\n');
      expect(result.tail).toEqual([
        { line: 1, text: 'a' },
        { line: 2, text: 'b' },
      ]);
    });

    it('is the same whatever the chunks', async () => {
      const lines = Array.from({ length: 500 }, (_, i) => `line ${i + 1} ok`);
      const log = `${lines.join('\n')}\n`;
      const expected = (await scan(log, playbooks(), { tailBytes: 777 })).tail;
      for (const size of [1, 7, 100, 4096]) {
        const random = seededRandom(size);
        const result = await scan(log, playbooks(), { tailBytes: 777 }, data =>
          chunked(data, random, { min: size, max: size }),
        );
        expect(result.tail).toEqual(expected);
      }
    });

    it('shows cleaned lines', async () => {
      const result = await scan(
        '\x1b[32mok\x1b[0m\nsection_end:1:step\r\x1b[0K\nprogress 10%\rdone\r\n',
      );
      expect(result.tail.map(l => l.text)).toEqual(['ok', '', 'done']);
    });

    it('shows the head of a cut line once, and what follows', async () => {
      const result = await scanLog(
        whole('start\n', 'z'.repeat(MAX_LINE_CHARS + 10), 'rest\nnext\n'),
        new RuleSet(playbooks()),
        { tailBytes: 100 },
      );
      expect(result.lines).toBe(3);
      expect(result.tail.map(l => [l.line, l.text.length])).toEqual([
        [2, MAX_LINE_CHARS],
        [3, 4],
      ]);
    });

    it('does not take the rest of a cut line for a line of the next chunk', async () => {
      const result = await scanLog(
        whole(
          'start\n',
          'z'.repeat(MAX_LINE_CHARS + 10),
          'zzz rest of the long line\nnext\n',
        ),
        new RuleSet(playbooks()),
        { tailBytes: 1_000_000 },
      );
      expect(result.tail.map(l => l.line)).toEqual([1, 2, 3]);
      expect(result.tail.map(l => l.text.slice(0, 4))).toEqual([
        'star',
        'zzzz',
        'next',
      ]);
    });
  });

  describe('long lines', () => {
    it('matches a literal at the head of a 100 KB line', async () => {
      const line = `No space left on device ${'x'.repeat(100_000)}`;
      const result = await scan(`before\n${line}\nafter\n`);
      const match = result.matches.get('pb-resource-002/no-space-left')!;
      expect(match.first.line).toBe(2);
      expect(match.first.text).toHaveLength(MAX_LINE_CHARS);
      expect(match.first.after).toEqual([{ line: 3, text: 'after' }]);
      expect(result.lines).toBe(3);
    });

    it('does not match a literal beyond the cut of a long line', async () => {
      const line = `${'x'.repeat(100_000)} No space left on device`;
      const result = await scan(`before\n${line}\nafter\n`);
      expect(result.matches.size).toBe(0);
      expect(result.lines).toBe(3);
    });

    it('handles a 100 KB line fed in small chunks', async () => {
      const line = `ENOSPC ${'x'.repeat(100_000)}`;
      const random = seededRandom(5);
      const result = await scan(
        `before\n${line}\nENOSPC after\n`,
        playbooks(),
        {},
        data => chunked(data, random, { min: 100, max: 5000 }),
      );
      const match = result.matches.get('pb-resource-002/no-space-left')!;
      expect(match.count).toBe(2);
      expect(match.first.line).toBe(2);
      expect(match.last.line).toBe(3);
      expect(match.last.before.map(l => l.line)).toEqual([1, 2]);
      expect(result.tail.map(l => l.line)).toEqual([1, 2, 3]);
    });

    it('cuts a long last line without a newline', async () => {
      const result = await scan(`a\n${'q'.repeat(MAX_LINE_CHARS * 3)}`);
      expect(result.lines).toBe(2);
      expect(result.tail[1].text).toHaveLength(MAX_LINE_CHARS);
    });
  });

  describe('redaction', () => {
    it('redacts secrets on matched lines, their facts and their context', async () => {
      const result = await scan(
        [
          `export GITLAB_TOKEN=${GLPAT}`,
          'DB_PASSWORD=hunter2',
          "Cannot find module 'left-pad' password=hunter2",
          `git push https://${GHP}@github.com/o/r`,
        ].join('\n'),
      );
      const match = result.matches.get('pb-dep-002/node-cannot-find-module')!;
      const text = JSON.stringify(result, (_, v) =>
        v instanceof Map || v instanceof Set ? [...v] : v,
      );
      expect(text).not.toContain(GLPAT);
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain(GHP);
      expect(match.first.text).toBe(
        "Cannot find module 'left-pad' password=[REDACTED:password]",
      );
      expect(match.first.facts).toEqual({ package: 'left-pad', prefix: '' });
      expect(match.first.before.map(l => l.text)).toEqual([
        'export GITLAB_TOKEN=[REDACTED:gitlab-token]',
        'DB_PASSWORD=[REDACTED:password]',
      ]);
      expect(result.redactions).toBe(4);
    });

    it('replaces a fact that redaction removed', async () => {
      const library = makeLibrary({
        playbooks: [
          playbook('pb-x-001', 'missing_env_var', [
            {
              id: 'v',
              pattern: 'bad value (?<value>\\S+) for setting',
              priority: 50,
            },
          ]),
        ],
      });
      const result = await scan(`bad value ${GLPAT} for setting\n`, library);
      expect(result.matches.get('pb-x-001/v')?.first.facts).toEqual({
        value: '[REDACTED]',
      });
    });

    it('redacts a secret holding non-ASCII characters whole', async () => {
      const result = await scan('x\nPASSWORD=pàss wörd\n');
      expect(result.tail[1].text).toBe('PASSWORD=[REDACTED:password] wörd');
    });

    it('never lets a private key out, whatever the chunks', async () => {
      const log = [
        'preparing deploy key',
        ...PEM,
        'ENOSPC right after the key',
        ...PEM,
        'done',
      ].join('\n');
      for (let seed = 1; seed <= 40; seed++) {
        const random = seededRandom(seed);
        const result = await scan(log, playbooks(), { tailBytes: 50 }, data =>
          chunked(data, random, { min: 1, max: 200 }),
        );
        const match = result.matches.get('pb-resource-002/no-space-left')!;
        const everything = [
          ...result.tail,
          ...match.first.before,
          ...match.first.after,
          match.first,
        ].map(l => l.text);
        for (const body of KEY_BODY)
          expect(everything.join('\n')).not.toContain(body.slice(0, 20));
        expect(match.first.before.map(l => l.text)).toEqual([
          '[REDACTED:private-key]',
          '[REDACTED:private-key]',
          '[REDACTED:private-key]',
        ]);
        expect(result.redactions).toBe(2);
      }
    });

    it('keeps an unterminated private key out of the tail, in large chunks', async () => {
      const body = Array.from(
        { length: 3000 },
        (_, i) =>
          `${KEY_BODY[i % 3].slice(0, 40)}${String(i).padStart(24, '0')}`,
      );
      const log = ['start', '-----BEGIN RSA PRIVATE KEY-----', ...body].join(
        '\n',
      );
      for (const size of [65536, 256 * 1024, log.length]) {
        const result = await scan(log, playbooks(), {}, data =>
          chunked(data, seededRandom(1), { min: size, max: size }),
        );
        expect(result.tail.length).toBeGreaterThan(100);
        for (const line of result.tail.slice(1))
          expect(line.text).toBe('[REDACTED:private-key]');
      }
    });

    it('keeps secrets in the context out even when many lines around change', async () => {
      // The match and the three lines before it are all rewritten, at the
      // start of a large chunk.
      const lines = [
        'DB_PASSWORD=hunter2',
        'API_KEY=hunter2',
        'TOKEN=hunter2',
        'ENOSPC token=hunter2',
        ...Array.from({ length: 4000 }, (_, i) => `filler line ${i}`),
      ];
      const result = await scan(lines.join('\n'), playbooks(), {
        tailBytes: 10,
      });
      const match = result.matches.get('pb-resource-002/no-space-left')!;
      expect(match.first.before.map(l => l.text)).toEqual([
        'DB_PASSWORD=[REDACTED:password]',
        'API_KEY=[REDACTED:secret]',
        'TOKEN=[REDACTED:secret]',
      ]);
      expect(match.first.text).toBe('ENOSPC token=[REDACTED:secret]');
    });
  });

  describe('alsoSeen', () => {
    it('collects the rules whose alsoSeen pattern occurred', async () => {
      const result = await scan(
        'The user requested flask==2.0.0\nResolutionImpossible: see above\n',
      );
      expect(result.alsoSeen).toEqual(
        new Set(['pb-dep-003/pip-conflict-requested']),
      );
    });

    it('collects a short-literal alsoSeen pattern on a line of its own', async () => {
      const result = await scan(
        '# github.com/shop/orders\n./main.go:12:2: undefined: fooBar\n',
      );
      expect(result.alsoSeen).toContain('cls-build-001/go-build');
      expect(result.matches.has('cls-build-001/go-build')).toBe(true);
    });
  });
});
