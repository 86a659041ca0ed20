import fs from 'node:fs';
import { finished } from 'node:stream/promises';

/**
 * Writes a job's log to its file, keeping it under a size: past the limit the
 * middle is dropped and the last part kept, since the end of a log is where
 * a job's failure shows.
 */
export class JobLogWriter {
  readonly #out: fs.WriteStream;
  readonly #headBytes: number;
  readonly #tailBytes: number;
  #written = 0;
  #omitted = 0;
  #tail: string[] = [];
  #tailSize = 0;

  constructor(file: string, maxBytes: number) {
    this.#out = fs.createWriteStream(file, { mode: 0o600 });
    this.#tailBytes = Math.min(Math.floor(maxBytes / 4), 1024 * 1024);
    this.#headBytes = maxBytes - this.#tailBytes;
  }

  /** Bytes of log received so far, kept or not. */
  get receivedBytes() {
    return this.#written + this.#omitted + this.#tailSize;
  }

  line(text: string) {
    const line = `${text}\n`;
    const size = Buffer.byteLength(line);
    if (this.#omitted === 0 && this.#tailSize === 0) {
      if (this.#written + size <= this.#headBytes) {
        this.#out.write(line);
        this.#written += size;
        return;
      }
    }
    this.#tail.push(line);
    this.#tailSize += size;
    while (this.#tailSize > this.#tailBytes && this.#tail.length) {
      const dropped = Buffer.byteLength(this.#tail.shift()!);
      this.#tailSize -= dropped;
      this.#omitted += dropped;
    }
  }

  /** Writes the kept end of the log and the closing lines. */
  async close(closing: string[] = []) {
    if (this.#omitted > 0) {
      this.#out.write(
        `[gitlab-ci-local runner: ${
          this.#omitted
        } bytes of output omitted here to keep the stored log under ${
          this.#headBytes + this.#tailBytes
        } bytes]\n`,
      );
    }
    for (const line of this.#tail) this.#out.write(line);
    for (const line of closing) this.#out.write(`${line}\n`);
    this.#out.end();
    await finished(this.#out);
  }
}
