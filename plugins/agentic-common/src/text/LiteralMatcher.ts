/*
 * Finds which of a few hundred literal strings occur in a line, in one pass
 * over its characters: an Aho–Corasick automaton with a dense transition
 * table over the characters the literals use (all others are one class, on
 * which every state falls back to the root). It exists for the log
 * analyzer's budget of >= 100 MB/s: a regular expression of the same
 * literals ran at ~160 MB/s on its own, a Unicode-aware automaton library
 * (modern-ahocorasick) at ~20 MB/s; this runs at several hundred.
 */

/**
 * Character code → the code it is compared as when ignoring case: the lower
 * case of its upper case (when each is one character), as a case-insensitive
 * regular expression compares them (`µ`, `μ` and `Μ` are one letter).
 * Built once, on first use.
 */
let caseFolding: Uint16Array | undefined;
function caseFold(): Uint16Array {
  if (caseFolding) return caseFolding;
  const table = new Uint16Array(65536);
  for (let code = 0; code < 65536; code++) {
    if (code < 128) {
      table[code] = code >= 65 && code <= 90 ? code + 32 : code;
      continue;
    }
    const char = String.fromCharCode(code);
    const upper = char.toUpperCase();
    const lower = (upper.length === 1 ? upper : char).toLowerCase();
    table[code] = lower.length === 1 ? lower.charCodeAt(0) : code;
  }
  caseFolding = table;
  return table;
}

export class LiteralMatcher<T> {
  /**
   * Transitions as row offsets (state × classes), so the scan needs no
   * multiplication; a negative offset marks a state where literals end.
   */
  readonly #delta: Int32Array;
  /** Per state: the values of every literal that ends there (its own and its suffixes'). */
  readonly #outputs: Array<T[] | undefined>;
  /** Character code → class: 0 for characters no literal uses. */
  readonly #classes: Uint16Array;
  readonly #width: number;
  readonly #found = new Set<T>();

  constructor(
    literals: Array<[literal: string, value: T]>,
    options: { caseless: boolean },
  ) {
    const folding = options.caseless ? caseFold() : undefined;
    const fold = (code: number) => (folding ? folding[code] : code);
    const classes = new Uint16Array(65536);
    let width = 1;
    for (const [literal] of literals) {
      if (literal.length === 0) {
        throw new Error('LiteralMatcher: an empty literal matches every text');
      }
      for (let i = 0; i < literal.length; i++) {
        const folded = fold(literal.charCodeAt(i));
        if (classes[folded] === 0) {
          classes[folded] = width++;
        }
      }
    }
    if (options.caseless) {
      for (let code = 0; code < 65536; code++)
        classes[code] = classes[fold(code)];
    }
    this.#classes = classes;
    this.#width = width;
    const CLASSES = width;
    // The trie.
    const children: Array<Map<number, number>> = [new Map()];
    const outputs: Array<T[] | undefined> = [undefined];
    for (const [literal, value] of literals) {
      let state = 0;
      for (let i = 0; i < literal.length; i++) {
        const c = classes[literal.charCodeAt(i)];
        let next = children[state].get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          outputs.push(undefined);
          children[state].set(c, next);
        }
        state = next;
      }
      (outputs[state] ??= []).push(value);
    }
    // Failure links, breadth first, folded into a complete transition table.
    const states = children.length;
    const delta = new Int32Array(states * CLASSES);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < CLASSES; c++) {
      const next = children[0].get(c);
      delta[c] = next ?? 0;
      if (next !== undefined) queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const inherited = outputs[fail[state]];
      if (inherited) outputs[state] = [...(outputs[state] ?? []), ...inherited];
      for (let c = 0; c < CLASSES; c++) {
        const next = children[state].get(c);
        if (next === undefined) {
          delta[state * CLASSES + c] = delta[fail[state] * CLASSES + c];
        } else {
          fail[next] = delta[fail[state] * CLASSES + c];
          delta[state * CLASSES + c] = next;
          queue.push(next);
        }
      }
    }
    for (let i = 0; i < delta.length; i++) {
      const next = delta[i];
      delta[i] = outputs[next] ? -next * CLASSES : next * CLASSES;
    }
    this.#delta = delta;
    this.#outputs = outputs;
  }

  /** Whether any literal occurs in `text`. */
  test(text: string): boolean {
    const delta = this.#delta;
    const classes = this.#classes;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      row = delta[row + classes[text.charCodeAt(i)]];
      if (row < 0) return true;
    }
    return false;
  }

  /**
   * Scans the bytes of `text` (a latin1 view: one character per byte) from
   * `from` to `to` line by line (the state resets at each
   * newline) and calls `onLine(start, end, index, found)` for each complete
   * line in which some literal occurs: `end` excludes the newline, `index`
   * counts the complete lines before it since `from`, `found` holds the
   * values of the literals in that line (a set reused from line to line).
   * `onLine` returning true stops the scan after that line. One tight loop
   * over a chunk of a log, without a string per line.
   */
  linesWithLiterals(
    text: Uint8Array,
    from: number,
    to: number,
    onLine: (
      start: number,
      end: number,
      index: number,
      found: Set<T>,
    ) => boolean | void,
  ): { next: number; lines: number; stopped: boolean } {
    const delta = this.#delta;
    const classes = this.#classes;
    const outputs = this.#outputs;
    const found = this.#found;
    found.clear();
    let row = 0;
    let lineStart = from;
    let lines = 0;
    for (let i = from; i < to; i++) {
      const code = text[i];
      if (code === 10) {
        if (found.size > 0) {
          if (onLine(lineStart, i, lines, found)) {
            found.clear();
            return { next: i + 1, lines: lines + 1, stopped: true };
          }
          found.clear();
        }
        lines += 1;
        row = 0;
        lineStart = i + 1;
        continue;
      }
      row = delta[row + classes[code]];
      if (row < 0) {
        row = -row;
        const values = outputs[row / this.#width]!;
        for (let k = 0; k < values.length; k++) found.add(values[k]);
      }
    }
    return { next: lineStart, lines, stopped: false };
  }

  /** Adds the values of every literal found in `text` to `into`. */
  collect(text: string, into: Set<T>): void {
    const delta = this.#delta;
    const classes = this.#classes;
    let row = 0;
    for (let i = 0; i < text.length; i++) {
      row = delta[row + classes[text.charCodeAt(i)]];
      if (row < 0) {
        row = -row;
        const found = this.#outputs[row / this.#width]!;
        for (let k = 0; k < found.length; k++) into.add(found[k]);
      }
    }
  }
}
