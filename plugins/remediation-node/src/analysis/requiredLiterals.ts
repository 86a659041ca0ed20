import { AST, RegExpParser } from '@eslint-community/regexpp';

const MIN_LITERAL = 3;

type Candidate = string[];

function score(candidate: Candidate): number {
  return Math.min(...candidate.map(s => s.length));
}

function fromAlternatives(
  alternatives: AST.Alternative[],
): Candidate | undefined {
  const all: string[] = [];
  for (const alternative of alternatives) {
    const best = fromAlternative(alternative);
    if (!best) return undefined;
    all.push(...best);
  }
  return all;
}

function fromAlternative(alternative: AST.Alternative): Candidate | undefined {
  const candidates: Candidate[] = [];
  let run = '';
  const flush = () => {
    if (run.length >= MIN_LITERAL) candidates.push([run]);
    run = '';
  };
  for (const element of alternative.elements) {
    if (element.type === 'Character') {
      run += String.fromCodePoint(element.value);
      continue;
    }
    if (
      element.type === 'Assertion' &&
      (element.kind === 'start' ||
        element.kind === 'end' ||
        element.kind === 'word')
    ) {
      continue; // zero-width: the literal around it still has to be there
    }
    flush();
    if (element.type === 'Group' || element.type === 'CapturingGroup') {
      const inner = fromAlternatives(element.alternatives);
      if (inner) candidates.push(inner);
    } else if (element.type === 'Quantifier' && element.min >= 1) {
      const inner = element.element;
      if (inner.type === 'Group' || inner.type === 'CapturingGroup') {
        const literals = fromAlternatives(inner.alternatives);
        if (literals) candidates.push(literals);
      }
    }
  }
  flush();
  const usable = candidates.filter(c => score(c) >= MIN_LITERAL);
  if (!usable.length) return undefined;
  return usable.sort((a, b) => score(b) - score(a))[0];
}

/**
 * Strings of which every line the pattern matches contains at least one
 * (compared case-insensitively), or undefined when the pattern has no such
 * literal of three or more characters. They make a cheap pre-filter: a line
 * containing none of them cannot match.
 */
export function requiredLiterals(pattern: string): string[] | undefined {
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern);
  return fromAlternatives(ast.alternatives);
}
