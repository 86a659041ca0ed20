/**
 * Whether a branch name falls under one of the project's protected branch
 * rules. Rules are names or wildcards (`release/*`, `*-stable`), where `*`
 * matches any characters, slashes included.
 */
export function isProtectedBranch(branch: string, rules: string[]): boolean {
  return rules.some(rule => wildcard(rule).test(branch));
}

function wildcard(rule: string): RegExp {
  const literal = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${rule.split('*').map(literal).join('.*')}$`);
}
