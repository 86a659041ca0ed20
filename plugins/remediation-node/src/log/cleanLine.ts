// GitLab traces carry ANSI colour codes and collapsible-section markers
// (`section_start:1732540000:step_script\r\x1b[0K`); progress bars rewrite
// a line with carriage returns. What a reader sees is the text after the
// last carriage return, without escape codes.

const ANSI =
  // eslint-disable-next-line no-control-regex
  /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][A-Z0-9]/g;
const SECTION = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]]*\])?/g;

// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\x1b\r]|section_/;

/** The visible text of one raw log line. */
export function cleanLine(raw: string): string {
  if (!NEEDS_CLEANING.test(raw)) return raw;
  let line = raw;
  if (line.includes('section_')) {
    line = line.replace(SECTION, '');
  }
  if (line.includes('\x1b')) {
    line = line.replace(ANSI, '');
  }
  // "text\r" (and "text\r\r") keeps text; "a\rb" shows b.
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 13) end -= 1;
  const cr = line.lastIndexOf('\r', end - 1);
  return cr === -1 && end === line.length ? line : line.slice(cr + 1, end);
}
