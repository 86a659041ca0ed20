import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/** `include:` kinds that gitlab-ci-local would download. */
const NETWORK_KINDS = ['remote', 'template', 'project', 'component'] as const;

function includesOf(doc: unknown): unknown[] {
  if (!doc || typeof doc !== 'object') return [];
  const found: unknown[] = [];
  const add = (value: unknown) => {
    if (Array.isArray(value)) found.push(...value);
    else if (value !== undefined && value !== null) found.push(value);
  };
  const record = doc as Record<string, unknown>;
  add(record.include);
  // Child pipelines: `trigger: { include: … }` of any job.
  for (const value of Object.values(record)) {
    const trigger = (value as { trigger?: unknown } | null)?.trigger;
    if (trigger && typeof trigger === 'object') {
      add((trigger as { include?: unknown }).include);
    }
  }
  return found;
}

/**
 * The first `include:` of a CI file (or of the local files it includes) that
 * gitlab-ci-local would fetch over the network, in words; undefined when all
 * are local. The runner refuses those: it never goes on the network itself.
 */
export async function findNetworkInclude(
  checkout: string,
  file = '.gitlab-ci.yml',
): Promise<string | undefined> {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length) {
    const current = queue.shift()!;
    if (seen.has(current)) continue;
    seen.add(current);
    let doc: unknown;
    try {
      doc = parse(await fs.readFile(path.join(checkout, current), 'utf8'));
    } catch {
      continue; // a missing or invalid file is gitlab-ci-local's to report
    }
    for (const include of includesOf(doc)) {
      if (typeof include === 'string') {
        if (/^https?:\/\//i.test(include)) {
          return `'${include}' (included by ${current})`;
        }
        queue.push(...(await localFiles(checkout, include)));
        continue;
      }
      if (!include || typeof include !== 'object') continue;
      const record = include as Record<string, unknown>;
      const kind = NETWORK_KINDS.find(k => record[k] !== undefined);
      if (kind) {
        return `'${kind}: ${String(record[kind])}' (included by ${current})`;
      }
      if (typeof record.local === 'string') {
        queue.push(...(await localFiles(checkout, record.local)));
      }
    }
  }
  return undefined;
}

/** The files a `local:` include names (it may be a glob), inside the checkout. */
async function localFiles(checkout: string, pattern: string) {
  const relative = path.normalize(pattern.replace(/^\/+/, ''));
  if (relative.startsWith('..')) return [];
  if (!/[*?[]/.test(relative)) return [relative];
  const files: string[] = [];
  for await (const match of fs.glob(relative, { cwd: checkout })) {
    files.push(match);
  }
  return files;
}
