/** Tests a line against several patterns at once. */
export interface AnyPattern {
  test(line: string): boolean;
}

/**
 * One test for several patterns, each with its own flags: one expression
 * per set of flags. Not one expression with inline modifiers (`(?i:…)`):
 * V8 (Node 24) was seen to ignore such a modifier for some patterns once
 * other code in the process had run regular expressions, so a
 * case-insensitive noise pattern stopped matching upper case.
 */
export function anyPattern(
  patterns: ReadonlyArray<{ pattern: string; flags: string }>,
): AnyPattern | undefined {
  if (!patterns.length) return undefined;
  const byFlags = new Map<string, string[]>();
  for (const { pattern, flags } of patterns) {
    const sources = byFlags.get(flags) ?? [];
    sources.push(`(?:${pattern})`);
    byFlags.set(flags, sources);
  }
  const expressions = [...byFlags].map(
    ([flags, sources]) => new RegExp(sources.join('|'), flags),
  );
  return { test: line => expressions.some(e => e.test(line)) };
}
