import {
  placeholderValue,
  privateKeyBegin,
  secretAssignment,
  secretKindOfName,
  tokenPatterns,
  urlPassword,
} from '@agentic-devops/plugin-agentic-common';
import { PolicyResource } from '../resources/types';

/**
 * Values that refer to a secret instead of holding one: Terraform
 * references and interpolations, templates, Kubernetes `valueFrom`, shell
 * and CI variables, Docker build secrets, well-known examples.
 */
const REFERENCE =
  /^(?:(?:var|local|data|module|each|count|self)\.[\w.[\]"-]+|[a-z][a-z0-9_]*\.[\w-]+\.[\w.[\]-]+|\$\{[^}]*\}|\$\(\w+\)|\$\w+|\{\{.*\}\}|<[^>]*>|%\(?\w+\)?s?|(?:changeme|change-me|example|placeholder|dummy|redacted|xxx+|\.\.\.)|(?:secretKeyRef|valueFrom|secretRef):?)$/i;

/**
 * Words that mark a value as a placeholder to replace, not a secret:
 * `change-me-to-a-long-random-string`, `glpat-change-me`, `your-token-here`.
 */
const PLACEHOLDER_WORDS =
  /change-?me|replace-?me|your[-_ ]?(?:own[-_ ]?)?(?:secret|token|key|password|api)|placeholder|dummy|not-?a-?(?:real-?)?secret|<[^>]+>/i;

/**
 * Setting values and field names, not secrets: `http_tokens = "required"`,
 * `userPasswordKey: password`.
 */
const SETTING_VALUE =
  /^(?:required|optional|enabled?|disabled?|none|true|false|yes|no|on|off|auto|default|strict|lax|null|nil|undefined|password|passwd|secret|token|key|api[-_]?key)$/i;

/**
 * Names about a secret rather than holding one: the name of a Kubernetes
 * Secret to use (`existingSecret`), the header that carries a key, the
 * algorithm that hashes passwords.
 */
const NAME_ABOUT_A_SECRET =
  /^existing|(?:header|hasher|hashers|algorithm|alg|secret_?name|key_?name|ref)$/i;

/** 40 characters of base64 standing alone (quoted, or between separators). */
const AWS_SECRET_KEY =
  /(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g;

/** The first characters, the rest masked: enough to find it, not to use it. */
export function maskSecret(value: string): string {
  const shown = value.length >= 12 ? 4 : 0;
  return `${value.slice(0, shown)}${'*'.repeat(
    Math.min(12, value.length - shown),
  )}`;
}

function unquote(value: string): string {
  return /^["'].*["']$/.test(value) ? value.slice(1, -1) : value;
}

/**
 * Secrets written into a file (code, configuration, ENV lines, manifests),
 * each as a resource of kind `file`, type `secret`: the patterns of the
 * redaction (agentic-common) that recognise tokens by their shape, private
 * keys, passwords in URLs and `NAME = value` assignments whose name says
 * secret, minus values that only refer to a secret.
 */
export function findHardcodedSecrets(
  file: string,
  content: string,
): PolicyResource[] {
  const found: PolicyResource[] = [];
  const add = (line: number, secretKind: string, value: string) =>
    found.push({
      kind: 'file',
      type: 'secret',
      name: `${file}:${line}`,
      file,
      line,
      attributes: { secretKind, masked: maskSecret(value) },
    });
  const lines = content.split('\n');
  /** Lines (0-based) holding an AWS access key id: its secret is near. */
  const awsKeyIds = new Set<number>();
  lines.forEach((text, index) => {
    const line = index + 1;
    const before = found.length;
    // An AWS secret access key has no shape of its own: 40 characters of
    // base64, found next to (up to 3 lines from) its access key id.
    if ([...awsKeyIds].some(i => index - i <= 3)) {
      for (const match of text.matchAll(AWS_SECRET_KEY)) {
        add(line, 'aws-secret-access-key', match[1]);
      }
    }
    if (/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/.test(text)) awsKeyIds.add(index);
    for (const { kind, pattern } of tokenPatterns) {
      for (const match of text.matchAll(pattern)) add(line, kind, match[0]);
    }
    if (privateKeyBegin.test(text)) add(line, 'private-key', '-----BEGIN');
    for (const match of text.matchAll(urlPassword)) {
      if (
        !placeholderValue.test(match[2]) &&
        !REFERENCE.test(match[2]) &&
        !SETTING_VALUE.test(match[2]) &&
        !PLACEHOLDER_WORDS.test(match[2])
      ) {
        add(line, 'url-password', match[2]);
      }
    }
    // A token found by its shape already says it all.
    if (found.length > before) return;
    for (const match of text.matchAll(secretAssignment)) {
      const name = match[2];
      const quoted = /^["']/.test(match[5]);
      // Unquoted, a value ends before the punctuation of the code around it.
      const value = quoted
        ? unquote(match[5])
        : match[5].replace(/[,;)]+$/, '');
      if (NAME_ABOUT_A_SECRET.test(name) || SETTING_VALUE.test(value)) {
        continue;
      }
      // Unquoted, a call or an index is code reading the secret from
      // somewhere (`os.environ["TOKEN"]`, `getenv("TOKEN")`).
      if (!quoted && /[([]/.test(value)) continue;
      const kind = secretKindOfName(name);
      if (
        kind &&
        value.length >= 6 &&
        !placeholderValue.test(value) &&
        !REFERENCE.test(value) &&
        !PLACEHOLDER_WORDS.test(value) &&
        // `password: ${{ secrets.X }}`, `token = "${var.t}"`: still references.
        !/\$\{|\{\{/.test(value)
      ) {
        add(line, kind, value);
      }
    }
  });
  return found;
}
