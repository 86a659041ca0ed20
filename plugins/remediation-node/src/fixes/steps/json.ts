/** The indentation a JSON file uses (two spaces when it cannot tell). */
export function jsonIndent(text: string): string {
  return /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

/** A JSON value as a file, in the indentation of the file it replaces. */
export function toJsonFile(value: unknown, original: string): string {
  return `${JSON.stringify(value, null, jsonIndent(original))}\n`;
}
