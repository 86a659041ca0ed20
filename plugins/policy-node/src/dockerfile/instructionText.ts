import { Instruction } from 'dockerfile-ast';

/**
 * The text of an instruction's arguments with continuation lines joined
 * and leading flags (`--chown=…`, `--mount=…`) removed.
 */
export function argumentsText(instruction: Instruction): string {
  const content = instruction.getArgumentsContent() ?? '';
  return content.replace(/^\s*(?:--[A-Za-z-]+(?:=\S*)?\s+)*/, '').trim();
}

/** The strings of an exec-form (JSON array) argument list, else null. */
export function jsonForm(text: string): string[] | null {
  if (!text.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every(p => typeof p === 'string')
      ? parsed
      : null;
  } catch {
    return null;
  }
}

/**
 * What a RUN executes, as shell text: the exec form's words joined; else
 * the shell form with comment lines dropped (Docker skips them, even
 * inside continued lines) and continuation lines joined. Heredoc bodies
 * keep their lines: each is a command.
 */
export function runCommand(instruction: Instruction): string {
  const text = argumentsText(instruction);
  const exec = jsonForm(text);
  if (exec) return exec.join(' ');
  const raw = (instruction.getRawArgumentsContent() ?? '').replace(
    /^\s*(?:--[A-Za-z-]+(?:=\S*)?\s+)*/,
    '',
  );
  return raw
    .split('\n')
    .filter(line => !/^\s*#/.test(line))
    .join('\n')
    .replace(/[ \t]*\\\r?\n[ \t]*/g, ' ')
    .trim();
}

/** Remote: a URL or git repository, which ADD fetches. */
const REMOTE = /^(?:https?|ftp|git|ssh):\/\/|^git@|\.git(?:#.*)?$/i;
/** Local tar archives (plain, gzip, bzip2, xz), which ADD extracts. */
const ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i;

export interface AddSource {
  path: string;
  /** A URL or git repository: ADD downloads it. */
  remote: boolean;
  /** A local tar archive: ADD unpacks it into the destination. */
  archive: boolean;
}

/** ADD's sources (every argument but the destination) and destination. */
export function addArguments(instruction: Instruction): {
  sources: AddSource[];
  destination: string | null;
} {
  const text = argumentsText(instruction);
  const words =
    jsonForm(text) ??
    instruction
      .getArguments()
      .map(argument => argument.getValue())
      .filter(word => !word.startsWith('--'));
  if (words.length < 2) return { sources: [], destination: words[0] ?? null };
  return {
    sources: words.slice(0, -1).map(path => {
      const remote = REMOTE.test(path);
      return { path, remote, archive: !remote && ARCHIVE.test(path) };
    }),
    destination: words[words.length - 1],
  };
}
