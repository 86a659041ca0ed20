import {
  fromLatin1,
  LineSplitter,
  MAX_LINE_CHARS,
  readLines,
  toLatin1,
} from './readLines';

async function* chunks(...parts: Array<Buffer | string>) {
  for (const part of parts) yield part;
}

/** Splits `text` into pieces at the given byte offsets. */
function cut(bytes: Buffer, ...at: number[]): Buffer[] {
  const pieces: Buffer[] = [];
  let from = 0;
  for (const to of at) {
    pieces.push(bytes.subarray(from, to));
    from = to;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}

function split(
  pieces: Array<Buffer | string>,
  encoding?: 'utf8' | 'latin1',
): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter(line => lines.push(line), encoding);
  for (const piece of pieces) splitter.push(piece);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('splits one chunk into lines', () => {
    expect(split(['a\nbb\n\nccc\n'])).toEqual(['a', 'bb', '', 'ccc']);
  });

  it('hands on the last line without a newline at the end', () => {
    expect(split(['a\nlast'])).toEqual(['a', 'last']);
    expect(split(['only'])).toEqual(['only']);
  });

  it('hands on nothing for empty input', () => {
    expect(split([])).toEqual([]);
    expect(split([''])).toEqual([]);
    expect(split([Buffer.alloc(0)])).toEqual([]);
  });

  it('hands on an empty line for a lone newline', () => {
    expect(split(['\n'])).toEqual(['']);
    expect(split(['\n\n'])).toEqual(['', '']);
  });

  it('joins a line split across chunks', () => {
    expect(split(['hel', 'lo\nwor', 'ld\n'])).toEqual(['hello', 'world']);
    expect(split(['a', 'b', 'c', '\n', 'd'])).toEqual(['abc', 'd']);
  });

  it('keeps carriage returns (cleanLine removes them)', () => {
    expect(split(['a\r\nb\r\n'])).toEqual(['a\r', 'b\r']);
  });

  it('decodes a UTF-8 character split across chunks', () => {
    const bytes = Buffer.from('café ✓ 😀\nnext\n', 'utf8');
    // Inside é (2 bytes), ✓ (3 bytes) and 😀 (4 bytes).
    const e = bytes.indexOf(Buffer.from('é')) + 1;
    const check = bytes.indexOf(Buffer.from('✓')) + 2;
    const emoji = bytes.indexOf(Buffer.from('😀')) + 3;
    expect(split(cut(bytes, e, check, emoji))).toEqual(['café ✓ 😀', 'next']);
  });

  it('decodes every split of a UTF-8 text, byte by byte', () => {
    const text = 'Ärger → 失败\n✖ 2 problems\nend';
    const bytes = Buffer.from(text, 'utf8');
    const pieces = [...bytes].map(b => Buffer.from([b]));
    expect(split(pieces)).toEqual(text.split('\n'));
  });

  it('reads latin1 as one character per byte', () => {
    const bytes = Buffer.from('café\n', 'utf8');
    const lines = split(cut(bytes, 4), 'latin1');
    expect(lines).toEqual(['cafÃ©']);
    expect(lines[0]).toHaveLength(5);
    expect(fromLatin1(lines[0])).toBe('café');
  });

  it('cuts an over-long line and skips the rest of it', () => {
    const long = 'x'.repeat(MAX_LINE_CHARS + 100);
    expect(split([`a\n${long}\nb\n`])).toEqual([
      'a',
      'x'.repeat(MAX_LINE_CHARS),
      'b',
    ]);
  });

  it('keeps a line of exactly the maximum length', () => {
    const exact = 'y'.repeat(MAX_LINE_CHARS);
    expect(split([`${exact}\n`])).toEqual([exact]);
    expect(split([exact])).toEqual([exact]);
    expect(split([exact.slice(0, 10), exact.slice(10), '\nz'])).toEqual([
      exact,
      'z',
    ]);
  });

  it('cuts an over-long line that spans many chunks, once', () => {
    const pieces = [
      'start\n',
      ...Array.from({ length: 40 }, () => 'z'.repeat(1000)),
      'tail of the long line\nafter\n',
    ];
    expect(split(pieces)).toEqual([
      'start',
      'z'.repeat(MAX_LINE_CHARS),
      'after',
    ]);
  });

  it('cuts an over-long last line without a newline', () => {
    const lines = split(['q'.repeat(MAX_LINE_CHARS * 3)]);
    expect(lines).toEqual(['q'.repeat(MAX_LINE_CHARS)]);
    const split2 = split([
      'q'.repeat(MAX_LINE_CHARS - 1),
      'q'.repeat(10),
      'q'.repeat(10),
    ]);
    expect(split2).toEqual(['q'.repeat(MAX_LINE_CHARS)]);
  });

  it('cuts a line that is over-long only once the next chunk arrives', () => {
    expect(
      split(['w'.repeat(MAX_LINE_CHARS - 5), 'w'.repeat(10), '\nnext']),
    ).toEqual(['w'.repeat(MAX_LINE_CHARS), 'next']);
  });

  it('accepts string chunks', () => {
    expect(split(['ab', 'c\nd'])).toEqual(['abc', 'd']);
  });

  it('matches String.split on random texts fed in random chunks', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['a', 'b', '\n', 'é', '✓', '😀', ' ', '\r'];
    for (let round = 0; round < 200; round++) {
      const text = Array.from(
        { length: Math.floor(random() * 200) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const bytes = Buffer.from(text, 'utf8');
      const at: number[] = [];
      for (let i = 1; i < bytes.length; i++) if (random() < 0.2) at.push(i);
      const expected = text.split('\n');
      if (expected[expected.length - 1] === '') expected.pop();
      expect(split(cut(bytes, ...at))).toEqual(expected);
      expect(split(cut(bytes, ...at), 'latin1').map(fromLatin1)).toEqual(
        expected,
      );
    }
  });
});

describe('readLines', () => {
  it('collects every line of a stream', async () => {
    await expect(
      readLines(chunks(Buffer.from('one\ntw'), 'o\nthree')),
    ).resolves.toEqual(['one', 'two', 'three']);
  });

  it('returns no lines for an empty stream', async () => {
    await expect(readLines(chunks())).resolves.toEqual([]);
  });
});

describe('latin1', () => {
  it.each([
    ['ASCII', 'plain text 123'],
    ['accents', 'café Ärger naïve'],
    ['symbols', '✖ 3 problems ● › ✓'],
    ['CJK', '构建失败'],
    ['emoji', 'done 😀🚀'],
    ['latin1 range', '\u00a0\u00ff\u0080'],
    ['empty', ''],
  ])('round-trips %s', (_, text) => {
    const latin1 = toLatin1(text);
    expect(latin1).toBe(Buffer.from(text, 'utf8').toString('latin1'));
    expect(fromLatin1(latin1)).toBe(text);
  });

  it('returns ASCII text as it is', () => {
    const text = 'ASCII only';
    expect(toLatin1(text)).toBe(text);
    expect(fromLatin1(text)).toBe(text);
  });

  it('gives one character per UTF-8 byte', () => {
    expect(toLatin1('é')).toBe('\u00c3\u00a9');
    expect(toLatin1('✖')).toBe('\u00e2\u009c\u0096');
  });

  it('turns invalid UTF-8 into replacement characters', () => {
    expect(fromLatin1('\u00ff')).toBe('\ufffd');
  });
});
