import { createLineRedactor } from '@agentic-devops/plugin-agentic-common';
import { EvidenceLine } from '@agentic-devops/plugin-remediation-common';
import { cleanLine } from '../log/cleanLine';
import { fromLatin1, MAX_LINE_CHARS, toLatin1 } from '../log/readLines';
import { CompiledRule, RuleSet } from './RuleSet';

/** A line a rule matched, with a few lines around it (all redacted). */
export interface Occurrence {
  rule: CompiledRule;
  line: number;
  text: string;
  facts: Record<string, string>;
  before: EvidenceLine[];
  after: EvidenceLine[];
}

export interface ScanResult {
  lines: number;
  bytes: number;
  /** Per rule: its first and last occurrence, and how often it matched. */
  matches: Map<string, { first: Occurrence; last: Occurrence; count: number }>;
  /** Rules whose `alsoSeen` pattern occurred somewhere. */
  alsoSeen: Set<string>;
  /** The last lines of the log, about `tailBytes` of them. */
  tail: EvidenceLine[];
  /** How many secrets redaction replaced. */
  redactions: number;
  /** The first lines addressed to the agent (prompt injection), redacted. */
  injections: EvidenceLine[];
}

export interface ScanOptions {
  tailBytes?: number;
  contextLines?: number;
}

const NEWLINE = 10;
/**
 * Lines after one addressed to the agent that points below itself, whose
 * matches do not count: what it calls "the real error below" is bait.
 */
const SUSPECT_LINES = 2;
const POINTS_BELOW = /\b(?:below|next line|following line|line after)\b/i;
const MAX_INJECTIONS = 5;
const EMPTY = Buffer.alloc(0);

/**
 * One pass over a job log in bounded memory. Every line that can matter
 * (it holds a rule's literal, a secret's fragment, escape codes or section
 * markers) is cleaned, matched and redacted before anything keeps it; all
 * other lines are, by construction, already clean, free of secrets and
 * unmatched, and are only counted. Kept: matches with a few lines around
 * them, and the tail. The bytes of each chunk are scanned by one literal
 * automaton, without decoding and without a string per line, which is what
 * makes 500 MB logs fast; the lines it lets through are decoded (UTF-8)
 * before they are cleaned, matched and redacted. Whatever is kept (context,
 * tail) shows a line as processed, never as it was raw.
 */
export async function scanLog(
  input: AsyncIterable<Buffer | string>,
  rules: RuleSet,
  options: ScanOptions = {},
): Promise<ScanResult> {
  const tailBytes = options.tailBytes ?? 32 * 1024;
  const contextLines = options.contextLines ?? 3;
  const redactor = createLineRedactor();
  const matches: ScanResult['matches'] = new Map();
  const alsoSeen = new Set<string>();
  const injections: EvidenceLine[] = [];
  let suspectUntil = 0;

  let lineNo = 0;
  let bytes = 0;
  /**
   * The last lines of earlier chunks, as kept: at least tailBytes of them
   * (the tail so far) and at least contextLines (the context of a match at
   * the start of the next chunk).
   */
  let window: EvidenceLine[] = [];
  /** Occurrences still collecting the lines after them. */
  let awaitingAfter: Occurrence[] = [];
  /** The current chunk. */
  let chunk: Buffer = EMPTY;
  /** Where the first line of the chunk starts (after the rest of a cut line). */
  let chunkStart = 0;
  /**
   * What the processed lines of the chunk became (by line number), where it
   * differs from their text: the chunk's context and tail must show that,
   * never the raw line. Dropped with the chunk.
   */
  let processed = new Map<number, string>();
  /** Inside an over-long line whose head was already handled. */
  let skipping = false;
  const cleanFound = new Set<number>();

  const lineText = (start: number, end: number) =>
    chunk.toString('latin1', start, Math.min(end, start + MAX_LINE_CHARS));

  /** The line between `start` and `end` of the chunk, as kept. */
  const keptLine = (
    number: number,
    start: number,
    end: number,
  ): EvidenceLine => ({
    line: number,
    text: processed.get(number) ?? fromLatin1(lineText(start, end)),
  });

  /** Up to `count` lines before the line starting at `start` (line number `number`). */
  const linesBefore = (
    number: number,
    start: number,
    count: number,
  ): EvidenceLine[] => {
    const lines: EvidenceLine[] = [];
    let end = start - 1;
    let n = number - 1;
    while (lines.length < count && n >= 1) {
      if (end < chunkStart) {
        const from = window.length - (count - lines.length);
        lines.unshift(...window.slice(Math.max(0, from)));
        break;
      }
      const lineStart = end === 0 ? 0 : chunk.lastIndexOf(NEWLINE, end - 1) + 1;
      lines.unshift(keptLine(n, lineStart, end));
      end = lineStart - 1;
      n -= 1;
    }
    return lines;
  };

  /** Cleans, matches and redacts one line (latin1); `start` locates it in the chunk. */
  const processLine = (
    raw: string,
    number: number,
    start: number,
    known?: Set<number>,
  ) => {
    const line = fromLatin1(raw);
    let clean = line;
    let found = rules.scan(line, false, known);
    if (found.needsCleaning) {
      clean = cleanLine(line);
      // The literals of the clean line (an ASCII line stays ASCII).
      cleanFound.clear();
      rules.literals.collect(
        line === raw ? clean : toLatin1(clean),
        cleanFound,
      );
      found = rules.scan(clean, true, cleanFound);
    }
    const kept = redactor.redactLine(clean, found.mightHoldSecret);
    if (kept !== line) processed.set(number, kept);

    if (awaitingAfter.length) {
      const entry = { line: number, text: kept };
      for (const occurrence of awaitingAfter) occurrence.after.push(entry);
      awaitingAfter = awaitingAfter.filter(o => o.after.length < contextLines);
    }
    for (const key of found.alsoSeen) alsoSeen.add(key);
    if (found.injection) {
      if (injections.length < MAX_INJECTIONS) {
        injections.push({ line: number, text: kept });
      }
      if (POINTS_BELOW.test(kept)) suspectUntil = number + SUSPECT_LINES;
    }
    if (number <= suspectUntil) return;
    for (const { rule, facts } of found.hits) {
      const occurrence: Occurrence = {
        rule,
        line: number,
        text: kept,
        // Captured facts come from the clean line: drop what redaction removed.
        facts: {
          ...rule.spec.facts,
          ...Object.fromEntries(
            Object.entries(facts).map(([k, v]) => [
              k,
              kept.includes(v) ? v : '[REDACTED]',
            ]),
          ),
        },
        before: linesBefore(number, start, contextLines),
        after: [],
      };
      const seen = matches.get(rule.key);
      if (seen) {
        seen.last = occurrence;
        seen.count += 1;
      } else {
        matches.set(rule.key, {
          first: occurrence,
          last: occurrence,
          count: 1,
        });
      }
      if (contextLines > 0) awaitingAfter.push(occurrence);
    }
  };

  /**
   * Lines that must each be looked at: inside a private key, after a match,
   * or all of them when some pattern has no literal to look for.
   */
  const everyLine = rules.everyLine;
  const needsEveryLine = () =>
    everyLine || redactor.inPrivateKey || awaitingAfter.length > 0;

  /** Whether `lines` (from the end) already make a window: tail and context. */
  const enough = (size: number, count: number) =>
    size >= tailBytes && count >= contextLines;

  /** Keeps the last lines of the chunk (up to `end`) in the window. */
  const updateWindow = (end: number) => {
    const lines: EvidenceLine[] = [];
    let size = 0;
    let lineEnd = end - 1; // the newline ending the last complete line
    let n = lineNo;
    while (lineEnd >= chunkStart && n >= 1 && !enough(size, lines.length)) {
      const lineStart =
        lineEnd === 0 ? 0 : chunk.lastIndexOf(NEWLINE, lineEnd - 1) + 1;
      const line = keptLine(n, lineStart, lineEnd);
      lines.push(line);
      size += line.text.length + 1;
      lineEnd = lineStart - 1;
      n -= 1;
    }
    lines.reverse();
    if (enough(size, lines.length)) {
      window = lines;
      return;
    }
    let keep = window.length;
    let count = lines.length;
    while (keep > 0 && !enough(size, count)) {
      size += window[--keep].text.length + 1;
      count += 1;
    }
    window =
      keep === 0 ? [...window, ...lines] : [...window.slice(keep), ...lines];
  };

  /** The number of the line before the automaton's current run. */
  let base = 0;
  const onLineWithLiterals = (
    start: number,
    end: number,
    index: number,
    found: Set<number>,
  ) => {
    lineNo = base + index + 1;
    // A cut line may have lost the literals found: let the rules look again.
    const cut = end - start > MAX_LINE_CHARS;
    processLine(lineText(start, end), lineNo, start, cut ? undefined : found);
    return needsEveryLine();
  };

  /** Handles the complete lines of a chunk; returns the unfinished last line. */
  const onChunk = (data: Buffer): Buffer => {
    chunk = data;
    processed = new Map();
    let pos = 0;
    if (skipping) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl === -1) return EMPTY;
      pos = nl + 1;
      skipping = false;
    }
    chunkStart = pos;
    while (pos < chunk.length) {
      if (needsEveryLine()) {
        const nl = chunk.indexOf(NEWLINE, pos);
        if (nl === -1) break;
        lineNo += 1;
        processLine(lineText(pos, nl), lineNo, pos);
        pos = nl + 1;
        continue;
      }
      base = lineNo;
      const scanned = rules.literals.linesWithLiterals(
        chunk,
        pos,
        chunk.length,
        onLineWithLiterals,
      );
      lineNo = base + scanned.lines;
      pos = scanned.next;
      if (!scanned.stopped) break;
    }
    updateWindow(pos);
    return chunk.subarray(pos);
  };

  let carry: Buffer = EMPTY;
  for await (const piece of input) {
    let data = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    bytes += data.length;
    if (carry.length) {
      // The line that spans two chunks is handled on its own, so that the
      // chunk itself need not be copied.
      const nl = data.indexOf(NEWLINE);
      if (nl === -1) {
        carry = Buffer.concat([carry, data]);
        data = EMPTY;
      } else {
        onChunk(Buffer.concat([carry, data.subarray(0, nl + 1)]));
        carry = EMPTY;
        data = data.subarray(nl + 1);
      }
    }
    if (data.length) carry = onChunk(data);
    if (carry.length > MAX_LINE_CHARS) {
      // A line without an end in sight: its head counts as a line.
      onChunk(
        Buffer.concat([carry.subarray(0, MAX_LINE_CHARS), Buffer.from('\n')]),
      );
      carry = EMPTY;
      skipping = true;
    }
  }
  if (carry.length && !skipping)
    onChunk(Buffer.concat([carry, Buffer.from('\n')]));

  // The tail: the last lines, about tailBytes of them.
  let size = 0;
  let from = window.length;
  while (from > 0 && size < tailBytes) size += window[--from].text.length + 1;

  return {
    lines: lineNo,
    bytes,
    matches,
    alsoSeen,
    tail: window.slice(from),
    redactions: redactor.redactions,
    injections,
  };
}
