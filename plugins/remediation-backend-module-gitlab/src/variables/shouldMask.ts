/** Words in a variable name that say its value is a credential. */
const SECRET_WORDS = new Set([
  'TOKEN',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'KEY',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'AUTH',
  'PRIVATE',
  'DSN',
  'CERT',
  'SIGNATURE',
  'SALT',
]);

/** Prefixes of well-known token formats (GitLab, GitHub, Slack, AWS, npm, …). */
const TOKEN_PREFIX =
  /^(glpat-|gldt-|glrt-|ghp_|gho_|ghs_|github_pat_|xox[abprs]-|AKIA|npm_|sk-)/;

export function looksSecret(name: string, value: string): boolean {
  const words = name.toUpperCase().split(/[^A-Z0-9]+/);
  return words.some(w => SECRET_WORDS.has(w)) || TOKEN_PREFIX.test(value);
}

/**
 * Whether GitLab can mask the value in job logs: a single line of at least
 * 8 characters from the Base64 alphabets plus `@ : . ~`. GitLab rejects a
 * masked variable whose value is not.
 */
export function canBeMasked(value: string): boolean {
  return /^[A-Za-z0-9+/=@:.~_-]{8,}$/.test(value);
}
