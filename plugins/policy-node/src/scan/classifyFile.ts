import path from 'node:path';

export type FileKind =
  | 'terraform'
  | 'tfvars'
  | 'json'
  | 'yaml'
  | 'dockerfile'
  | 'other';

/** What a file is, by its name (contents decide later for JSON and YAML). */
export function classifyFile(file: string): FileKind {
  const base = path.basename(file);
  if (base.endsWith('.tf')) return 'terraform';
  if (base.endsWith('.tfvars') || base.endsWith('.tfvars.json'))
    return 'tfvars';
  if (
    base === 'Dockerfile' ||
    base === 'Containerfile' ||
    base.startsWith('Dockerfile.') ||
    base.endsWith('.Dockerfile') ||
    base.endsWith('.dockerfile')
  ) {
    return 'dockerfile';
  }
  if (base.endsWith('.json')) return 'json';
  if (base.endsWith('.yaml') || base.endsWith('.yml')) return 'yaml';
  return 'other';
}

/** A `terraform show -json` document, by its top-level keys. */
export function looksLikePlan(json: unknown): boolean {
  const doc = json as Record<string, unknown> | null;
  return (
    !!doc &&
    typeof doc === 'object' &&
    typeof doc.format_version === 'string' &&
    ('planned_values' in doc || 'resource_changes' in doc)
  );
}

/** A Kubernetes manifest: some document names an apiVersion and a kind. */
export function looksLikeKubernetes(text: string): boolean {
  return /^apiVersion:/m.test(text) && /^kind:/m.test(text);
}
