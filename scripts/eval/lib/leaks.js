// Finds labelled secrets in what the analyzer printed: the whole secret, or
// any piece of it of MIN_PIECE or more characters (a half-masked token is
// still a leak).
const MIN_PIECE = 8;

/**
 * The parts of a secret worth looking for: each line of it (a PEM key spans
 * lines), without the `-----BEGIN/END … KEY-----` armour, which is public.
 */
function secretParts(secret) {
  return secret
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line && !/^-----(?:BEGIN|END) /.test(line));
}

/**
 * Every labelled secret of `cases` that occurs in `output`, with the piece
 * found and the output line it is on. Pieces are looked up through a set of
 * the output's MIN_PIECE-character windows: any common substring of that
 * length or more contains one of them.
 */
function findLeaks(output, cases) {
  const windows = new Map();
  for (let i = 0; i + MIN_PIECE <= output.length; i++) {
    const w = output.slice(i, i + MIN_PIECE);
    if (!windows.has(w)) windows.set(w, i);
  }
  const lineAt = index => output.slice(0, index).split('\n').length;

  const leaks = [];
  for (const c of cases) {
    for (const secret of c.secrets) {
      const parts = secretParts(secret);
      for (const part of parts) {
        let at = -1;
        let piece = part;
        if (part.length < MIN_PIECE) {
          // A short tail line of a key is no secret by itself; a short password is.
          if (parts.length === 1) at = output.indexOf(part);
        } else {
          for (let i = 0; i + MIN_PIECE <= part.length && at < 0; i++) {
            piece = part.slice(i, i + MIN_PIECE);
            at = windows.get(piece) ?? -1;
          }
        }
        if (at >= 0) {
          leaks.push({ id: c.id, piece, outputLine: lineAt(at) });
          break; // one finding per secret is enough
        }
      }
    }
  }
  return leaks;
}

module.exports = { findLeaks, MIN_PIECE };
