import { AST, RegExpParser } from '@eslint-community/regexpp';

/** A seeded pseudo-random generator (xorshift32), so failures replay. */
export function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
  };
}
export type Random = ReturnType<typeof seededRandom>;

const POOL = [
  ...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)),
  '\t',
  'é',
  'Ä',
  '✓',
  '✖',
  '●',
  '›',
  '失',
];

/**
 * Random strings that the pattern matches (a few may not: callers keep those
 * that `regex.test` accepts). Lookarounds and anchors generate nothing;
 * quantifiers repeat up to three times beyond their minimum.
 */
export function sampleMatches(
  pattern: string,
  flags: string,
  random: Random,
  count: number,
): string[] {
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern);
  const regex = new RegExp(pattern, flags);
  const caseless = flags.includes('i');
  const classCache = new Map<string, string[]>();
  const members = (raw: string) => {
    let chars = classCache.get(raw);
    if (!chars) {
      const test = new RegExp(`^${raw}$`, flags);
      chars = POOL.filter(c => test.test(c));
      classCache.set(raw, chars);
    }
    return chars;
  };

  const generate = (node: AST.Node): string => {
    switch (node.type) {
      case 'Pattern':
      case 'Group':
      case 'CapturingGroup':
        return generate(random.pick(node.alternatives));
      case 'Alternative':
        return node.elements.map(generate).join('');
      case 'Character': {
        const c = String.fromCodePoint(node.value);
        if (!caseless || random.next() < 0.5) return c;
        return random.next() < 0.5 ? c.toUpperCase() : c.toLowerCase();
      }
      case 'CharacterSet':
      case 'CharacterClass': {
        const chars = members(node.raw);
        return chars.length ? random.pick(chars) : '';
      }
      case 'Quantifier': {
        const max = Math.min(node.max, node.min + 3);
        const times = node.min + random.int(max - node.min + 1);
        return Array.from({ length: times }, () => generate(node.element)).join(
          '',
        );
      }
      default:
        return ''; // assertions, backreferences
    }
  };

  const samples: string[] = [];
  for (
    let attempt = 0;
    samples.length < count && attempt < count * 20;
    attempt++
  ) {
    const core = generate(ast);
    for (const line of [core, `prefix ${core}`, `${core} suffix`]) {
      if (regex.test(line)) {
        samples.push(line);
        break;
      }
    }
  }
  return samples;
}
