import { StringDecoder } from 'node:string_decoder';

/** Longer lines are cut here; the rest of such a line is dropped. */
export const MAX_LINE_CHARS = 16 * 1024;

/**
 * Splits a stream of chunks into lines, holding at most one chunk and one
 * (capped) partial line in memory, whatever the size of the log. Lines are
 * handed to a callback synchronously: a per-line promise would cost more
 * than the analysis of the line.
 */
export class LineSplitter {
  readonly #decoder: StringDecoder;
  #partial = '';
  /** Inside an over-long line whose head was already handed on. */
  #skipping = false;

  /**
   * `latin1` turns every byte into one character: much faster to decode than
   * UTF-8, and exact to turn back (`fromLatin1`) for the lines one keeps.
   */
  constructor(
    private readonly onLine: (line: string) => void,
    encoding: 'utf8' | 'latin1' = 'utf8',
  ) {
    this.#decoder = new StringDecoder(encoding);
  }

  push(chunk: Buffer | string) {
    let text = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    if (this.#skipping) {
      const nl = text.indexOf('\n');
      if (nl === -1) return;
      text = text.slice(nl + 1);
      this.#skipping = false;
    }
    if (this.#partial) text = this.#partial + text;
    let start = 0;
    for (
      let nl = text.indexOf('\n');
      nl !== -1;
      nl = text.indexOf('\n', start)
    ) {
      this.onLine(
        nl - start > MAX_LINE_CHARS
          ? text.slice(start, start + MAX_LINE_CHARS)
          : text.slice(start, nl),
      );
      start = nl + 1;
    }
    this.#partial = text.slice(start);
    if (this.#partial.length > MAX_LINE_CHARS) {
      this.onLine(this.#partial.slice(0, MAX_LINE_CHARS));
      this.#partial = '';
      this.#skipping = true;
    }
  }

  end() {
    const rest = this.#partial + this.#decoder.end();
    this.#partial = '';
    if (rest.length && !this.#skipping)
      this.onLine(rest.slice(0, MAX_LINE_CHARS));
  }
}

/** The text of a line that was split as latin1. */
export function fromLatin1(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text)
    ? Buffer.from(text, 'latin1').toString('utf8')
    : text;
}

/** The latin1 form of a text, to match against lines split as latin1. */
export function toLatin1(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text)
    ? Buffer.from(text, 'utf8').toString('latin1')
    : text;
}

/** Every line of a stream, in order (for callers that want them all at once). */
export async function readLines(
  input: AsyncIterable<Buffer | string>,
): Promise<string[]> {
  const lines: string[] = [];
  const splitter = new LineSplitter(line => lines.push(line));
  for await (const chunk of input) splitter.push(chunk);
  splitter.end();
  return lines;
}
