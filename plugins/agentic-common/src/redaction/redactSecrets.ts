import {
  mightHoldSecret,
  placeholderValue,
  privateKeyBegin,
  privateKeyEnd,
  secretAssignment,
  secretKindOfName,
  tokenPatterns,
  urlPassword,
} from './secretPatterns';

/** Redacts a text line by line, keeping state across lines (private key blocks). */
export interface LineRedactor {
  /**
   * `mightHoldSecret: false` skips the redactor's own cheap test, for callers
   * that already know the line holds none of `SECRET_FRAGMENTS`.
   */
  redactLine(line: string, mightHoldSecret?: boolean): string;
  /** How many secrets were replaced so far (a private key block counts once). */
  readonly redactions: number;
  /** The kinds replaced so far, e.g. `github-token`, `private-key`. */
  readonly kinds: Set<string>;
  /** Inside a private key block: every line is redacted until its end line. */
  readonly inPrivateKey: boolean;
}

export interface RedactedText {
  text: string;
  redactions: number;
  kinds: string[];
}

const mask = (kind: string) => `[REDACTED:${kind}]`;

/** A lower-case word, and more words after it: prose rather than a value. */
const proseWord = /^[a-z]{2,24}$/;
const proseContinues = /^ +[a-z]{2,}\b/;
const privateKeyMask = mask('private-key');

/**
 * A redactor for a stream of lines (a job log). Secrets become
 * `[REDACTED:<kind>]`; for assignments (`TOKEN=…`) and URLs with a password
 * only the value is masked, so a reader still sees what was there. Every line
 * from `-----BEGIN … PRIVATE KEY-----` to its `-----END` line is replaced; a
 * block that never ends takes the rest of the text with it, rather than leak.
 */
export function createLineRedactor(): LineRedactor {
  const kinds = new Set<string>();
  let redactions = 0;
  let inPrivateKey = false;

  const count = (kind: string) => {
    redactions += 1;
    kinds.add(kind);
  };

  const redactPatterns = (line: string): string => {
    let result = line;
    for (const { kind, pattern } of tokenPatterns) {
      result = result.replace(pattern, () => {
        count(kind);
        return mask(kind);
      });
    }
    result = result.replace(urlPassword, (match, before, password) => {
      if (placeholderValue.test(password)) {
        return match;
      }
      count('url-password');
      return `${before}${mask('url-password')}`;
    });
    return result.replace(
      secretAssignment,
      (
        match,
        quote,
        name,
        separator,
        scheme = '',
        value: string,
        offset: number,
        whole: string,
      ) => {
        const kind = secretKindOfName(name);
        const valueQuote = /^["']/.test(value) ? value[0] : '';
        const bare = valueQuote ? value.slice(1, -1) : value;
        if (!kind || placeholderValue.test(bare)) {
          return match;
        }
        // `NPM_TOKEN: unbound variable`, `token: not set`: a message about
        // the name, in words, not a value.
        if (
          !valueQuote &&
          !scheme &&
          separator.trim() === ':' &&
          proseWord.test(bare) &&
          proseContinues.test(whole.slice(offset + match.length))
        ) {
          return match;
        }
        count(kind);
        return `${quote}${name}${quote}${separator}${scheme}${valueQuote}${mask(
          kind,
        )}${valueQuote}`;
      },
    );
  };

  const redactLine = (line: string, hint?: boolean): string => {
    if (inPrivateKey) {
      const end = privateKeyEnd.exec(line);
      if (!end) {
        return privateKeyMask;
      }
      inPrivateKey = false;
      return privateKeyMask + redactLine(line.slice(end.index + end[0].length));
    }
    // The one cheap test most lines stop at.
    if (hint === false || (hint === undefined && !mightHoldSecret.test(line))) {
      return line;
    }
    const begin = privateKeyBegin.exec(line);
    if (begin) {
      // The key may end on this line (a JSON string with `\n` escapes) or later.
      count('private-key');
      inPrivateKey = true;
      return (
        redactPatterns(line.slice(0, begin.index)) +
        redactLine(line.slice(begin.index + begin[0].length))
      );
    }
    return redactPatterns(line);
  };

  return {
    redactLine,
    get redactions() {
      return redactions;
    },
    kinds,
    get inPrivateKey() {
      return inPrivateKey;
    },
  };
}

/** Redacts the secrets in a text; see `createLineRedactor` for what is replaced. */
export function redactSecrets(text: string): RedactedText {
  const redactor = createLineRedactor();
  const lines = text.split('\n').map(line => redactor.redactLine(line));
  return {
    text: lines.join('\n'),
    redactions: redactor.redactions,
    kinds: [...redactor.kinds].sort(),
  };
}
export { SECRET_FRAGMENTS, URL_WITH_USERINFO } from './secretPatterns';
// The patterns themselves, for detectors that report rather than redact
// (the Policy agent's hardcoded-secret rule).
export {
  tokenPatterns,
  secretAssignment,
  urlPassword,
  privateKeyBegin,
  secretKindOfName,
  placeholderValue,
} from './secretPatterns';
