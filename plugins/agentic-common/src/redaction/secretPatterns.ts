/**
 * The patterns behind the redaction. Every pattern needs one of the
 * fragments of `mightHoldSecret` to match, so a line without any of them is
 * passed through after a single regular expression test; that keeps the cost
 * of ordinary log lines low.
 */
export const mightHoldSecret =
  /gl(?:pat|dt|ptt|rt|cbt|soat|oas|imt|agent|ffct|ft|wt)-|GR1348941|gh[pousr]_|github_pat_|xox[a-z]-|xapp-|hooks\.slack\.com|AKIA|ASIA|sk-ant-|npm_|PRIVATE KEY|eyJ|:\/\/[^\s/@]*@|secret|token|passw|pwd|api[_.-]?key|private[_.-]?key|access[_.-]?key|credential|auth/i;

/**
 * Plain fragments (to compare ignoring case) of which every line that
 * `mightHoldSecret` accepts contains one, or else `://` followed by a user
 * (`URL_WITH_USERINFO`): for scanners that already run a literal matcher over
 * each line and can tell the redactor to skip its own test
 * (`LineRedactor.redactLine(line, false)`).
 */
export const URL_WITH_USERINFO = /:\/\/[^\s/@]*@/;

export const SECRET_FRAGMENTS: readonly string[] = [
  ...[
    'pat',
    'dt',
    'ptt',
    'rt',
    'cbt',
    'soat',
    'oas',
    'imt',
    'agent',
    'ffct',
    'ft',
    'wt',
  ].map(p => `gl${p}-`),
  'GR1348941',
  ...['p', 'o', 'u', 's', 'r'].map(p => `gh${p}_`),
  'github_pat_',
  'xox',
  'xapp-',
  'hooks.slack.com',
  'AKIA',
  'ASIA',
  'sk-ant-',
  'npm_',
  'PRIVATE KEY',
  'eyJ',
  'secret',
  'token',
  'passw',
  'pwd',
  'credential',
  'auth',
  ...['api', 'private', 'access'].flatMap(p =>
    ['', '_', '.', '-'].map(sep => `${p}${sep}key`),
  ),
];

/** Tokens recognisable by their shape alone, replaced whole. */
export const tokenPatterns: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  {
    kind: 'gitlab-token',
    pattern:
      /\bgl(?:pat|dt|ptt|rt|cbt|soat|oas|imt|agent|ffct|ft|wt)-[\w-]{20,}(?:\.[\w-]+)*/g,
  },
  { kind: 'gitlab-runner-token', pattern: /\bGR1348941[\w-]{20,}/g },
  {
    kind: 'github-token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{22,})/g,
  },
  {
    kind: 'slack-token',
    pattern: /\b(?:xox[abeprs]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})/g,
  },
  {
    kind: 'slack-webhook',
    pattern:
      /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[\w/-]+/g,
  },
  { kind: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { kind: 'anthropic-key', pattern: /\bsk-ant-[\w-]{20,}/g },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  {
    kind: 'sendgrid-key',
    pattern: /\bSG\.[\w-]{16,32}\.[\w-]{32,64}/g,
  },
  { kind: 'jwt', pattern: /\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g },
];

export const privateKeyBegin =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
export const privateKeyEnd =
  /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/**
 * `scheme://user:password@host`: groups are the part before the password, and
 * the password. The scheme's length is bounded, as the name's below.
 */
export const urlPassword =
  /\b([a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@[\]]*:)([^\s/@]+)(?=@)/gi;

/**
 * `NAME=value`, `NAME: value`, `"name": "value"`, `Authorization: Bearer x`:
 * groups are the quote around the name, the name, the separator, an
 * authorization scheme, and the value (quoted or up to white space or `&`).
 * The name must contain a keyword here; `secretKindOfName` has the last
 * word. A name starts at a word boundary that is not in the middle of a
 * hyphenated name, nor right after `/`: that is a URL's user
 * (`https://ci-token:x@host`), which `urlPassword` handles. The name's
 * length is bounded so that a long run of word characters in a hostile log
 * cannot make the matching quadratic.
 */
export const secretAssignment =
  /(?<![\w./]|[\w.]-)(["']?)((?=[A-Za-z_])[\w.-]{0,80}?(?:secret|token|passw|pass(?![a-vx-z0-9])|pwd|api[_.-]?key|private[_.-]?key|access[_.-]?key|credential|auth)[\w.-]{0,80})\1(\s*[=:]\s*)((?:bearer|basic|token)\s+)?("[^"]*"|'[^']*'|[^\s"'&]+)/gi;

const secretWords =
  /SECRET|TOKEN|PASSWORD|PASSWD|PWD|APIKEY|PRIVATEKEY|ACCESSKEY|CREDENTIAL/;

/** The shell's working directory variables, not passwords. */
const notSecretNames = new Set(['PWD', 'OLDPWD']);

/**
 * A last word that says the value is about a secret rather than the secret:
 * `TOKEN_COUNT`, `PASSWORD_FILE`, `AUTH_URL`, `ACCESS_KEY_ID`.
 */
const metadataWords = new Set([
  'COUNT',
  'LENGTH',
  'LEN',
  'SIZE',
  'LIMIT',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'TIMEOUT',
  'TYPE',
  'KIND',
  'FORMAT',
  'FILE',
  'PATH',
  'DIR',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'NAME',
  'USER',
  'USERNAME',
  'ID',
  'MODE',
  'METHOD',
  'PROVIDER',
  'SCOPE',
  'SCOPES',
  'ENABLED',
  'DISABLED',
  'REQUIRED',
  'PREFIX',
  'VERSION',
]);

/** The kind of secret a name holds, or undefined when it holds none. */
export function secretKindOfName(name: string): string | undefined {
  const words = name
    .split(/[_.-]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map(word => word.toUpperCase());
  const joined = words.join('');
  if (
    words.length === 0 ||
    notSecretNames.has(joined) ||
    metadataWords.has(words[words.length - 1])
  ) {
    return undefined;
  }
  if (joined.includes('AWSSECRET') || joined.includes('SECRETACCESSKEY')) {
    return 'aws-secret-access-key';
  }
  if (name.startsWith('_auth')) {
    return 'npm-token'; // .npmrc: `//registry/:_authToken=…`, `_auth=…`
  }
  if (/PASSWORD|PASSWD|PWD/.test(joined)) {
    return 'password';
  }
  // `DB_PASS`, `SMTP_PASS`; a lone `PASS` is a test runner's verdict.
  if (words.length > 1 && words.includes('PASS')) {
    return 'password';
  }
  if (secretWords.test(joined)) {
    return 'secret';
  }
  // AUTH only as a whole word: `HTTP_AUTH`, `Authorization`, not `author`.
  if (words.includes('AUTHORIZATION')) {
    return 'authorization';
  }
  return words.includes('AUTH') ? 'secret' : undefined;
}

/** Values that are not secrets: variable references, masks, flags. */
export const placeholderValue =
  /^(?:|\$\{?\w+\}?|\[MASKED\]|\*+|\[REDACTED(?::[\w-]+)?\]|true|false|null)$/i;
