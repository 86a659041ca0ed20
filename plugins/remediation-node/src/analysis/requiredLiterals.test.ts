import path from 'node:path';
import { loadPlaybooks } from '../playbooks/loadPlaybooks';
import { RuleSpec } from '../playbooks/schema';
import { toLatin1 } from '../log/readLines';
import { realLines } from '../__testUtils__/realLines';
import { sampleMatches, seededRandom } from '../__testUtils__/sampleMatches';
import { requiredLiterals } from './requiredLiterals';

const PLAYBOOKS = path.resolve(__dirname, '../../../../playbooks');

/** Whether `line` contains one of `literals`, ignoring case. */
const holdsOne = (line: string, literals: string[]) =>
  literals.some(l => line.toLowerCase().includes(l.toLowerCase()));

describe('requiredLiterals', () => {
  it('returns a plain pattern as its own literal', () => {
    expect(requiredLiterals('No space left on device')).toEqual([
      'No space left on device',
    ]);
  });

  it('needs one literal of each alternative', () => {
    expect(requiredLiterals('ENOSPC|No space left|quota exceeded')).toEqual([
      'ENOSPC',
      'No space left',
      'quota exceeded',
    ]);
  });

  it('gives up when one alternative has no literal', () => {
    expect(requiredLiterals('ENOSPC|\\d+')).toBeUndefined();
    expect(requiredLiterals('ENOSPC|ab')).toBeUndefined();
    expect(requiredLiterals('ENOSPC|')).toBeUndefined();
  });

  it('takes the longest run around variable parts', () => {
    expect(requiredLiterals("Cannot find module '[^']+'")).toEqual([
      "Cannot find module '",
    ]);
    expect(requiredLiterals('\\d+ failed, \\d+ passed in [\\d.]+s')).toEqual([
      ' passed in ',
    ]);
  });

  it('uses the alternatives of a group that must occur', () => {
    expect(requiredLiterals('x(?:Read|Connect)\\s+timed')).toEqual([
      'xRead',
      'xConnect',
    ]);
    expect(requiredLiterals('(?:ETIMEDOUT|ECONNRESET)')).toEqual([
      'ETIMEDOUT',
      'ECONNRESET',
    ]);
    expect(requiredLiterals('(?<code>ETIMEDOUT|ECONNRESET): \\w+')).toEqual([
      'ETIMEDOUT: ',
      'ECONNRESET: ',
    ]);
    expect(requiredLiterals('ab(?:cdef|ghij)+kl')).toEqual(['cdef', 'ghij']);
  });

  it('prefers the candidate whose shortest literal is longest', () => {
    expect(requiredLiterals('(?:abc|de\\d) then the long literal')).toEqual([
      ' then the long literal',
    ]);
    expect(requiredLiterals('a\\d (?:longer one|another\\s+one)')).toEqual([
      'longer one',
      'another',
    ]);
  });

  it('continues a run through groups of a few plain alternatives', () => {
    expect(requiredLiterals('npm (?:ERR!|error) .*lint')).toEqual([
      'npm ERR! ',
      'npm error ',
    ]);
    expect(requiredLiterals('x(?:Read|Connect) timed')).toEqual([
      'xRead timed',
      'xConnect timed',
    ]);
    expect(requiredLiterals('(?:a|b)(?:c|d)(?:e|f)')).toEqual([
      'ace',
      'acf',
      'ade',
      'adf',
      'bce',
      'bcf',
      'bde',
      'bdf',
    ]);
    expect(requiredLiterals('ab(?:c(?:d|e)|f)gh')).toEqual([
      'abcdgh',
      'abcegh',
      'abfgh',
    ]);
  });

  it('continues a run through optional plain parts', () => {
    expect(requiredLiterals('exit(?:ed)? code:? 137')).toEqual([
      'exit code 137',
      'exit code: 137',
      'exited code 137',
      'exited code: 137',
    ]);
    expect(requiredLiterals('(?:Error: )?Timeout of \\d+ms')).toEqual([
      'Timeout of ',
      'Error: Timeout of ',
    ]);
  });

  it('stops multiplying a run at sixteen strings', () => {
    const many = requiredLiterals('(?:a|b|c|d|e)(?:f|g|h|i)xyz');
    expect(many).toEqual(['xyz']);
  });

  it('ignores optional parts', () => {
    expect(requiredLiterals('colou?r scheme')).toEqual([
      'color scheme',
      'colour scheme',
    ]);
    expect(requiredLiterals('colou*r scheme')).toEqual(['r scheme']);
    expect(requiredLiterals('(?:optional literal)*x')).toBeUndefined();
    expect(requiredLiterals('(?:optional literal){0,3}x')).toBeUndefined();
  });

  it('does not treat a quantified character as a run', () => {
    // "abbbc" contains neither "abc" nor "abbc" for every count.
    expect(requiredLiterals('ab+cdef')).toEqual(['cdef']);
    expect(requiredLiterals('abcd{2}ef')).toEqual(['abc']);
  });

  it('reads escapes as the characters they stand for', () => {
    expect(requiredLiterals('\\[ERROR\\] \\.java:\\[')).toEqual([
      '[ERROR] .java:[',
    ]);
    expect(requiredLiterals('a\\/b\\/c')).toEqual(['a/b/c']);
    expect(requiredLiterals('tab\\there')).toEqual(['tab\there']);
    expect(requiredLiterals('\\u00e9t\\u00e9s')).toEqual(['étés']);
  });

  it('breaks runs at character classes and sets', () => {
    expect(requiredLiterals('[Cc]ould not resolve host')).toEqual([
      'ould not resolve host',
    ]);
    expect(requiredLiterals('exit\\s+code')).toEqual(['exit']);
    expect(requiredLiterals('abc.def')).toEqual(['abc']);
    expect(requiredLiterals('[abc][def][ghi]')).toBeUndefined();
  });

  it('reads through zero-width anchors and word boundaries', () => {
    expect(requiredLiterals('^Killed$')).toEqual(['Killed']);
    expect(requiredLiterals('\\bENOSPC\\b')).toEqual(['ENOSPC']);
    expect(requiredLiterals('^\\s*FAILED ')).toEqual(['FAILED ']);
  });

  it('does not take literals from lookarounds', () => {
    expect(requiredLiterals('(?=lookahead)abc')).toEqual(['abc']);
    expect(requiredLiterals('(?<!not this)word')).toEqual(['word']);
    expect(requiredLiterals('(?!never)\\w+')).toBeUndefined();
  });

  it('returns undefined for patterns without a literal of three characters', () => {
    expect(requiredLiterals('\\d+')).toBeUndefined();
    expect(requiredLiterals('.*')).toBeUndefined();
    expect(requiredLiterals('ab')).toBeUndefined();
    expect(requiredLiterals('a.b.c')).toBeUndefined();
    expect(requiredLiterals('^# [\\w./-]+|build failed')).toBeUndefined();
  });

  it('accepts shorter literals when asked', () => {
    expect(requiredLiterals('^# [\\w./-]+|build failed', 2)).toEqual([
      '# ',
      'build failed',
    ]);
    expect(requiredLiterals('a.bc', 1)).toEqual(['bc']);
    expect(requiredLiterals('\\d+', 1)).toBeUndefined();
  });

  it('handles non-ASCII literals', () => {
    expect(requiredLiterals('✖✖✖ \\d+ x')).toEqual(['✖✖✖ ']);
    expect(requiredLiterals('失败了')).toEqual(['失败了']);
    // In latin1 form, a character is as many characters as UTF-8 bytes.
    expect(requiredLiterals(toLatin1('✖ \\d+'))).toEqual([toLatin1('✖ ')]);
    expect(requiredLiterals('✖ \\d+')).toBeUndefined();
  });

  it('throws on a pattern that is not a regular expression', () => {
    expect(() => requiredLiterals('(unclosed')).toThrow();
  });

  describe('on the playbooks', () => {
    const library = loadPlaybooks(PLAYBOOKS);
    const patterns = [...library.playbooks, ...library.classifiers].flatMap(
      owner =>
        owner.rules.flatMap(rule => [
          {
            name: `${owner.id}/${rule.id}`,
            pattern: rule.pattern,
            flags: rule.flags,
          },
          ...(rule.alsoSeen
            ? [
                {
                  name: `${owner.id}/${rule.id} (alsoSeen)`,
                  pattern: rule.alsoSeen,
                  flags: rule.flags,
                },
              ]
            : []),
        ]),
    );

    it.each(patterns.map(p => [p.name, p] as const))(
      '%s: every generated match holds a literal',
      (_, { pattern, flags }) => {
        const literals =
          requiredLiterals(pattern) ?? requiredLiterals(pattern, 1);
        expect(literals).toBeDefined();
        const random = seededRandom(pattern.length * 7919 + 17);
        const samples = sampleMatches(pattern, flags, random, 300);
        expect(samples.length).toBeGreaterThan(50);
        const regex = new RegExp(pattern, flags);
        for (const sample of samples) {
          expect(regex.test(sample)).toBe(true);
          if (!holdsOne(sample, literals!)) {
            throw new Error(
              `${JSON.stringify(
                sample,
              )} matches but holds none of ${JSON.stringify(literals)}`,
            );
          }
        }
        // The same holds for the latin1 forms the scanner compiles.
        const latin1 =
          requiredLiterals(new RegExp(toLatin1(pattern), flags).source) ??
          requiredLiterals(new RegExp(toLatin1(pattern), flags).source, 1);
        for (const sample of samples) {
          expect(holdsOne(toLatin1(sample), latin1!)).toBe(true);
        }
      },
    );

    it('holds for the real log lines of every rule', () => {
      const rules = new Map<string, RuleSpec>(
        [...library.playbooks, ...library.classifiers].flatMap(owner =>
          owner.rules.map(rule => [`${owner.id}/${rule.id}`, rule] as const),
        ),
      );
      for (const [key, lines] of Object.entries(realLines)) {
        const rule = rules.get(key);
        expect(rule).toBeDefined();
        const literals = requiredLiterals(rule!.pattern)!;
        for (const line of lines) {
          expect([
            key,
            new RegExp(rule!.pattern, rule!.flags).test(line),
          ]).toEqual([key, true]);
          expect([key, line, holdsOne(line, literals)]).toEqual([
            key,
            line,
            true,
          ]);
        }
      }
    });

    it('gives every rule pattern a literal of three or more characters', () => {
      const without = patterns
        .filter(p => !p.name.endsWith('(alsoSeen)'))
        .filter(p => requiredLiterals(p.pattern) === undefined)
        .map(p => p.name);
      expect(without).toEqual([]);
    });
  });
});
