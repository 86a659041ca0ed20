import { LiteralMatcher } from './LiteralMatcher';

/** A seeded generator, so that a failing case can be replayed. */
function randomGenerator(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

const collect = <T>(matcher: LiteralMatcher<T>, text: string) => {
  const found = new Set<T>();
  matcher.collect(text, found);
  return found;
};

/** What the matcher should find, the slow way. */
function naive<T>(
  literals: Array<[string, T]>,
  text: string,
  caseless: boolean,
): Set<T> {
  const fold = (s: string) => (caseless ? s.toLowerCase() : s);
  const haystack = fold(text);
  return new Set(
    literals.filter(([l]) => haystack.includes(fold(l))).map(([, v]) => v),
  );
}

interface Reported {
  start: number;
  end: number;
  index: number;
  found: string[];
}

function linesOf<T>(
  matcher: LiteralMatcher<T>,
  bytes: Uint8Array,
  from = 0,
  to = bytes.length,
  stopAt?: (index: number) => boolean,
) {
  const reported: Reported[] = [];
  const result = matcher.linesWithLiterals(
    bytes,
    from,
    to,
    (start, end, index, found) => {
      reported.push({
        start,
        end,
        index,
        found: [...found].map(String).sort(),
      });
      return stopAt?.(index);
    },
  );
  return { reported, result };
}

describe('LiteralMatcher', () => {
  describe('test and collect', () => {
    it('finds a literal anywhere in a text', () => {
      const m = new LiteralMatcher([['needle', 1]], { caseless: false });
      expect(m.test('needle')).toBe(true);
      expect(m.test('a needle in a haystack')).toBe(true);
      expect(m.test('at the end: needle')).toBe(true);
      expect(m.test('needl')).toBe(false);
      expect(m.test('eedle')).toBe(false);
      expect(m.test('')).toBe(false);
    });

    it('finds overlapping literals', () => {
      const m = new LiteralMatcher<string>(
        [
          ['abcd', 'abcd'],
          ['bcde', 'bcde'],
          ['cd', 'cd'],
        ],
        { caseless: false },
      );
      expect([...collect(m, 'xabcdex')].sort()).toEqual(['abcd', 'bcde', 'cd']);
      expect([...collect(m, 'abcx')]).toEqual([]);
    });

    it('finds a literal that is a suffix of another', () => {
      const m = new LiteralMatcher<string>(
        [
          ['error', 'long'],
          ['ror', 'suffix'],
        ],
        { caseless: false },
      );
      expect([...collect(m, 'an error')].sort()).toEqual(['long', 'suffix']);
      expect([...collect(m, 'terror')].sort()).toEqual(['long', 'suffix']);
      expect([...collect(m, 'a horror')]).toEqual(['suffix']);
    });

    it('finds a literal reached through a failure link', () => {
      // "abab" fails after "aba" into "ba"'s state, where "bac" continues.
      const m = new LiteralMatcher<string>(
        [
          ['ababx', 'long'],
          ['bac', 'short'],
        ],
        { caseless: false },
      );
      expect([...collect(m, 'abac')]).toEqual(['short']);
      expect([...collect(m, 'aababx')]).toEqual(['long']);
    });

    it('finds a literal that is a prefix of another', () => {
      const m = new LiteralMatcher<string>(
        [
          ['Cannot find module', 'module'],
          ['Cannot find', 'find'],
        ],
        { caseless: false },
      );
      expect([...collect(m, 'Error: Cannot find it')]).toEqual(['find']);
      expect([...collect(m, 'Cannot find module x')].sort()).toEqual([
        'find',
        'module',
      ]);
    });

    it('reports every value of a literal given several times', () => {
      const m = new LiteralMatcher<number>(
        [
          ['timeout', 1],
          ['timeout', 2],
          ['out', 3],
        ],
        { caseless: false },
      );
      expect([...collect(m, 'a timeout')].sort()).toEqual([1, 2, 3]);
    });

    it('respects case unless caseless', () => {
      const exact = new LiteralMatcher([['Error', 1]], { caseless: false });
      expect(exact.test('Error')).toBe(true);
      expect(exact.test('error')).toBe(false);
      expect(exact.test('ERROR')).toBe(false);
      const caseless = new LiteralMatcher([['Error', 1]], { caseless: true });
      expect(caseless.test('error')).toBe(true);
      expect(caseless.test('ERROR')).toBe(true);
      expect(caseless.test('eRrOr')).toBe(true);
      expect(caseless.test('erro')).toBe(false);
    });

    it('treats non-letters as themselves when caseless', () => {
      const m = new LiteralMatcher([['[x]', 1]], { caseless: true });
      expect(m.test('a [X] b')).toBe(true);
      // `{` and `[` differ by 32, as `a` and `A` do: no folding between them.
      expect(m.test('a {x} b')).toBe(false);
      expect(m.test('a ;x] b')).toBe(false);
    });

    it('matches non-ASCII literals', () => {
      const m = new LiteralMatcher<string>(
        [
          ['✖', 'cross'],
          ['café', 'cafe'],
          ['失败', 'cjk'],
          ['😀', 'emoji'],
        ],
        { caseless: false },
      );
      expect([...collect(m, '✖ 3 problems')]).toEqual(['cross']);
      expect([...collect(m, 'au café')]).toEqual(['cafe']);
      expect([...collect(m, '构建失败了')]).toEqual(['cjk']);
      expect([...collect(m, 'yay 😀!')]).toEqual(['emoji']);
      expect([...collect(m, 'cafe ✓ 😃')]).toEqual([]);
    });

    it('folds the case of non-ASCII letters when caseless', () => {
      const m = new LiteralMatcher<string>(
        [
          ['ÄRGER', 'umlaut'],
          ['σφάλμα', 'greek'],
        ],
        { caseless: true },
      );
      expect(m.test('kein ärger')).toBe(true);
      expect(m.test('ΣΦΆΛΜΑ')).toBe(true);
      expect(m.test('arger')).toBe(false);
    });

    it('folds letters the way a case-insensitive regular expression does', () => {
      // /µ/i matches the Greek capital mu and the small mu (both fold to Μ).
      const m = new LiteralMatcher([['µs', 1]], { caseless: true });
      for (const text of ['10µs', '10μs', '10ΜS']) {
        expect(/µs/i.test(text)).toBe(true);
        expect(m.test(text)).toBe(true);
      }
    });

    it('adds found values to what the set already holds', () => {
      const m = new LiteralMatcher([['abc', 'new']], { caseless: false });
      const into = new Set(['old']);
      m.collect('xabcx', into);
      expect([...into]).toEqual(['old', 'new']);
    });

    it('finds nothing with no literals', () => {
      const m = new LiteralMatcher<number>([], { caseless: true });
      expect(m.test('anything')).toBe(false);
      expect(collect(m, 'anything').size).toBe(0);
    });

    it('rejects an empty literal, which every text would contain', () => {
      expect(() => new LiteralMatcher([['', 1]], { caseless: false })).toThrow(
        /empty/,
      );
    });

    it('agrees with String.includes on random texts (seeded)', () => {
      for (const caseless of [false, true]) {
        const random = randomGenerator(caseless ? 42 : 4242);
        const alphabet = ['a', 'b', 'c', 'A', 'B', 'é', 'É', '✓', ' ', '\n'];
        const word = (min: number, max: number) =>
          Array.from({ length: min + random.int(max - min + 1) }, () =>
            random.pick(alphabet),
          ).join('');
        for (let round = 0; round < 300; round++) {
          const literals: Array<[string, number]> = Array.from(
            { length: 1 + random.int(8) },
            (_, i) => [word(1, 4), i],
          );
          const m = new LiteralMatcher(literals, { caseless });
          for (let t = 0; t < 10; t++) {
            const text = word(0, 40);
            const expected = naive(literals, text, caseless);
            expect([...collect(m, text)].sort()).toEqual([...expected].sort());
            expect(m.test(text)).toBe(expected.size > 0);
          }
        }
      }
    });
  });

  describe('linesWithLiterals', () => {
    const bytes = (text: string) => Buffer.from(text, 'latin1');
    const matcher = () =>
      new LiteralMatcher<string>(
        [
          ['error', 'error'],
          ['fail', 'fail'],
        ],
        { caseless: true },
      );

    it('reports the complete lines holding literals, with their positions', () => {
      const text = 'ok\nan error\nfine\nFAIL and Error\n\nlast error';
      const { reported, result } = linesOf(matcher(), bytes(text));
      expect(reported).toEqual([
        { start: 3, end: 11, index: 1, found: ['error'] },
        { start: 17, end: 31, index: 3, found: ['error', 'fail'] },
      ]);
      expect(text.slice(3, 11)).toBe('an error');
      expect(text.slice(17, 31)).toBe('FAIL and Error');
      // The last line has no newline: it is left for the next call.
      expect(result).toEqual({
        next: text.indexOf('last'),
        lines: 5,
        stopped: false,
      });
    });

    it('counts lines from `from` and stops at `to`', () => {
      const text = 'error one\nok\nerror two\nok\nerror three\n';
      const from = text.indexOf('ok');
      const to = text.indexOf('ok', from + 1) + 3; // through "ok\n"
      const { reported, result } = linesOf(matcher(), bytes(text), from, to);
      expect(reported).toEqual([
        {
          start: text.indexOf('error two'),
          end: text.indexOf('error two') + 9,
          index: 1,
          found: ['error'],
        },
      ]);
      expect(result).toEqual({ next: to, lines: 3, stopped: false });
    });

    it('does not carry a partial literal from one line to the next', () => {
      const { reported } = linesOf(matcher(), bytes('err\nor\nerr\r\nor\n'));
      expect(reported).toEqual([]);
    });

    it('does not report a literal cut off by `to`', () => {
      const text = 'an error\n';
      const { reported, result } = linesOf(matcher(), bytes(text), 0, 5);
      expect(reported).toEqual([]);
      expect(result).toEqual({ next: 0, lines: 0, stopped: false });
    });

    it('stops after the line for which onLine returns true, and resumes', () => {
      const text = 'error 0\nx\nfail 2\nerror 3\nx\n';
      const m = matcher();
      const data = bytes(text);
      const first = linesOf(m, data, 0, data.length, index => index === 2);
      expect(first.reported.map(r => r.index)).toEqual([0, 2]);
      expect(first.result).toEqual({
        next: text.indexOf('error 3'),
        lines: 3,
        stopped: true,
      });
      const rest = linesOf(m, data, first.result.next);
      expect(rest.reported).toEqual([
        {
          start: text.indexOf('error 3'),
          end: text.indexOf('error 3') + 7,
          index: 0,
          found: ['error'],
        },
      ]);
      expect(rest.result).toEqual({
        next: data.length,
        lines: 2,
        stopped: false,
      });
    });

    it('hands on a fresh set for each line', () => {
      const m = matcher();
      const sets: string[][] = [];
      m.linesWithLiterals(
        bytes('error\nfail\n'),
        0,
        11,
        (_s, _e, _i, found) => {
          sets.push([...found]);
        },
      );
      expect(sets).toEqual([['error'], ['fail']]);
    });

    it('starts from a clean set after a stop', () => {
      const m = matcher();
      const data = bytes('error fail\nok\n');
      m.linesWithLiterals(data, 0, data.length, () => true);
      const again = linesOf(m, bytes('fail\n'));
      expect(again.reported[0].found).toEqual(['fail']);
    });

    it('matches UTF-8 literals given in latin1 form in bytes', () => {
      const literal = Buffer.from('✖ ', 'utf8').toString('latin1');
      const m = new LiteralMatcher([[literal, 'cross']], { caseless: true });
      const data = Buffer.from('ok\n✖ 2 problems\nÄ ✓\n', 'utf8');
      const { reported } = linesOf(m, data);
      expect(reported).toHaveLength(1);
      expect(data.toString('utf8', reported[0].start, reported[0].end)).toBe(
        '✖ 2 problems',
      );
    });

    it('handles empty lines and an empty range', () => {
      const m = matcher();
      expect(linesOf(m, bytes('\n\n\n')).result).toEqual({
        next: 3,
        lines: 3,
        stopped: false,
      });
      expect(linesOf(m, bytes('error\n'), 2, 2).result).toEqual({
        next: 2,
        lines: 0,
        stopped: false,
      });
    });

    it('agrees with a naive line split on random byte texts (seeded)', () => {
      const random = randomGenerator(2024);
      const alphabet = ['a', 'b', 'c', 'A', 'B', 'é', '✓', ' ', '\n', '\r'];
      const word = (min: number, max: number) =>
        Array.from({ length: min + random.int(max - min + 1) }, () =>
          random.pick(alphabet.filter(c => c !== '\n')),
        ).join('');
      for (let round = 0; round < 300; round++) {
        const caseless = random.next() < 0.5;
        const literals: Array<[string, number]> = Array.from(
          { length: 1 + random.int(6) },
          (_, i) => [Buffer.from(word(1, 3), 'utf8').toString('latin1'), i],
        );
        const m = new LiteralMatcher(literals, { caseless });
        const text = Array.from({ length: random.int(120) }, () =>
          random.pick(alphabet),
        ).join('');
        const data = Buffer.from(text, 'utf8');
        const from = random.int(data.length + 1);
        const to = from + random.int(data.length - from + 1);

        const expected: Array<{
          start: number;
          index: number;
          found: string[];
        }> = [];
        let lineStart = from;
        let index = 0;
        for (let i = from; i < to; i++) {
          if (data[i] !== 10) continue;
          const line = data.toString('latin1', lineStart, i);
          const found = naive(literals, line, caseless);
          if (found.size)
            expected.push({
              start: lineStart,
              index,
              found: [...found].map(String).sort(),
            });
          index += 1;
          lineStart = i + 1;
        }
        const { reported, result } = linesOf(m, data, from, to);
        expect(
          reported.map(({ start, index: i, found }) => ({
            start,
            index: i,
            found,
          })),
        ).toEqual(expected);
        for (const r of reported) expect(data[r.end]).toBe(10);
        expect(result).toEqual({
          next: lineStart,
          lines: index,
          stopped: false,
        });
      }
    });
  });
});
