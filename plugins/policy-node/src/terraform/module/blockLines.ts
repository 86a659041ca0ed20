const BLOCK =
  /^[ \t]*(resource|data)[ \t]+"?([A-Za-z0-9_-]+)"?[ \t]+"?([A-Za-z0-9_-]+)"?[ \t]*\{/gm;

/**
 * The 1-based line of each `resource "<type>" "<name>" {` (and `data`)
 * block of a file, by `resource.<type>.<name>` / `data.<type>.<name>`
 * (hcl2json gives no positions). HCL wants a block's `{` on the line of
 * its labels, so one line says it all.
 */
export function blockLines(content: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let counted = 0;
  for (const match of content.matchAll(BLOCK)) {
    for (let i = counted; i < match.index; i++) {
      if (content.charCodeAt(i) === 10) line += 1;
    }
    counted = match.index;
    const key = `${match[1]}.${match[2]}.${match[3]}`;
    if (!lines.has(key)) lines.set(key, line);
  }
  return lines;
}
