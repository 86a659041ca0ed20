import { AST, RegExpParser } from '@eslint-community/regexpp';

const MIN_LITERAL = 3;
/** At most this many strings stand for one run of plain text. */
const MAX_STRINGS = 16;

type Candidate = string[];

function score(candidate: Candidate): number {
  return Math.min(...candidate.map(s => s.length));
}

function isZeroWidth(element: AST.Element): boolean {
  return (
    element.type === 'Assertion' &&
    (element.kind === 'start' ||
      element.kind === 'end' ||
      element.kind === 'word')
  );
}

/** Every string of `prefixes` followed by every string of `suffixes`. */
function product(prefixes: string[], suffixes: string[]): string[] {
  return [...new Set(prefixes.flatMap(p => suffixes.map(s => p + s)))];
}

/**
 * The strings an element matches when they are few and plain (characters,
 * groups of such alternatives, `?` of those; anchors match nothing), else
 * undefined: `(?:ERR!|error)` is `ERR!` or `error`, `(?:ed)?` is '' or `ed`.
 */
function plainStrings(element: AST.Element): string[] | undefined {
  if (element.type === 'Character') {
    return [String.fromCodePoint(element.value)];
  }
  if (isZeroWidth(element)) return [''];
  if (element.type === 'Group' || element.type === 'CapturingGroup') {
    const all: string[] = [];
    for (const alternative of element.alternatives) {
      let strings: string[] | undefined = [''];
      for (const inner of alternative.elements) {
        const next = plainStrings(inner);
        strings = next && product(strings, next);
        if (!strings || strings.length > MAX_STRINGS) return undefined;
      }
      all.push(...strings);
    }
    return all.length > MAX_STRINGS ? undefined : [...new Set(all)];
  }
  if (element.type === 'Quantifier' && element.max === 1 && element.min <= 1) {
    const inner = plainStrings(element.element);
    if (!inner) return undefined;
    return element.min === 0 ? ['', ...inner] : inner;
  }
  return undefined;
}

function fromAlternatives(
  alternatives: AST.Alternative[],
  min: number,
): Candidate | undefined {
  const all: string[] = [];
  for (const alternative of alternatives) {
    const best = fromAlternative(alternative, min);
    if (!best) return undefined;
    all.push(...best);
  }
  return all;
}

function fromAlternative(
  alternative: AST.Alternative,
  min: number,
): Candidate | undefined {
  const candidates: Candidate[] = [];
  /** The plain text just read: one of these strings. */
  let run = [''];
  const flush = () => {
    if (score(run) >= min) candidates.push(run);
    run = [''];
  };
  for (const element of alternative.elements) {
    const plain = plainStrings(element);
    if (plain && run.length * plain.length <= MAX_STRINGS) {
      run = product(run, plain);
      continue;
    }
    flush();
    if (element.type === 'Group' || element.type === 'CapturingGroup') {
      const inner = fromAlternatives(element.alternatives, min);
      if (inner) candidates.push(inner);
    } else if (element.type === 'Quantifier' && element.min >= 1) {
      const inner = element.element;
      if (inner.type === 'Group' || inner.type === 'CapturingGroup') {
        const literals = fromAlternatives(inner.alternatives, min);
        if (literals) candidates.push(literals);
      }
    }
  }
  flush();
  const usable = candidates.filter(c => score(c) >= min);
  if (!usable.length) return undefined;
  return usable.sort((a, b) => score(b) - score(a))[0];
}

/**
 * Strings of which every line the pattern matches contains at least one
 * (compared case-insensitively), or undefined when the pattern has no such
 * literal of `minLength` (default three) or more characters. They make a
 * cheap pre-filter: a line containing none of them cannot match.
 */
export function requiredLiterals(
  pattern: string,
  minLength = MIN_LITERAL,
): string[] | undefined {
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern);
  return fromAlternatives(ast.alternatives, Math.max(1, minLength));
}
