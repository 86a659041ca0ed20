/**
 * A variable's value where an instruction reads it: a string when known,
 * null when declared without a value (`ARG BASE`: set by --build-arg),
 * undefined when not declared at all.
 */
export type VariableLookup = (name: string) => string | null | undefined;

/**
 * Expands `$NAME`, `${NAME}` and the `${NAME:-word}`, `${NAME-word}`,
 * `${NAME:+word}`, `${NAME+word}` forms the way Docker does, and says which
 * variables could not be known. A declared variable without a value that
 * has a `:-` / `-` fallback takes the fallback, as an ARG's default is
 * taken: it is what a build without --build-arg uses.
 */
export function expandVariables(
  text: string,
  lookup: VariableLookup,
): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const pattern =
    /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])((?:\$\{[^}]*\}|[^}])*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  const value = text.replace(
    pattern,
    (
      match,
      braced?: string,
      operator?: string,
      word?: string,
      bare?: string,
    ) => {
      if (match === '\\$') return '$';
      const name = (braced ?? bare)!;
      const current = lookup(name);
      const expandWord = () => {
        const inner = expandVariables(word ?? '', lookup);
        unresolved.push(...inner.unresolved);
        return inner.value;
      };
      switch (operator) {
        case ':-':
          return current ? current : expandWord();
        case '-':
          return typeof current === 'string' ? current : expandWord();
        case ':+':
        case '+': {
          if (current === null) {
            unresolved.push(name);
            return match;
          }
          const set = operator === '+' ? current !== undefined : !!current;
          return set ? expandWord() : '';
        }
        default:
          if (typeof current === 'string') return current;
          unresolved.push(name);
          return match;
      }
    },
  );
  return { value, unresolved: [...new Set(unresolved)] };
}
