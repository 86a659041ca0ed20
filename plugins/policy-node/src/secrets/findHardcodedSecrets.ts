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
  content.split('\n').forEach((text, index) => {
    const line = index + 1;
    const before = found.length;
    for (const { kind, pattern } of tokenPatterns) {
      for (const match of text.matchAll(pattern)) add(line, kind, match[0]);
    }
    if (privateKeyBegin.test(text)) add(line, 'private-key', '-----BEGIN');
    for (const match of text.matchAll(urlPassword)) {
      if (!placeholderValue.test(match[2]) && !REFERENCE.test(match[2])) {
        add(line, 'url-password', match[2]);
      }
    }
    // A token found by its shape already says it all.
    if (found.length > before) return;
    for (const match of text.matchAll(secretAssignment)) {
      const name = match[2];
      const quoted = /^["']/.test(match[5]);
      const value = unquote(match[5]);
      // Unquoted, a call or an index is code reading the secret from
      // somewhere (`os.environ["TOKEN"]`, `getenv("TOKEN")`).
      if (!quoted && /[([]/.test(value)) continue;
      const kind = secretKindOfName(name);
      if (
        kind &&
        value.length >= 6 &&
        !placeholderValue.test(value) &&
        !REFERENCE.test(value) &&
        // `password: ${{ secrets.X }}`, `token = "${var.t}"`: still references.
        !/\$\{|\{\{/.test(value)
      ) {
        add(line, kind, value);
      }
    }
  });
  return found;
}
