import { Document, isMap, parseDocument } from 'yaml';
import { FixNotApplicableError, FixWorkspace } from '../types';

export const CI_FILE = '.gitlab-ci.yml';

/** Keys of .gitlab-ci.yml that are not jobs. */
const RESERVED = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'spec',
]);

/** The CI file as an editable document (comments and layout kept). */
export async function readCiFile(ws: FixWorkspace): Promise<Document> {
  const text = await ws.readFile(CI_FILE);
  if (text === undefined) throw new FixNotApplicableError(`no ${CI_FILE}`);
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) {
    throw new FixNotApplicableError(`${CI_FILE} is not a YAML mapping`);
  }
  return doc;
}

/** The job names of a CI document (top-level keys that are not settings or templates). */
export function jobNames(doc: Document): string[] {
  const map = doc.contents as any;
  return map.items
    .map((pair: any) => String(pair.key?.value ?? pair.key))
    .filter((key: string) => !RESERVED.has(key) && !key.startsWith('.'));
}

/** The job the settings go to: the named one, else every job. */
export function targetJobs(doc: Document, job?: string): string[] {
  const jobs = jobNames(doc);
  if (job && jobs.includes(job)) return [job];
  if (job) throw new FixNotApplicableError(`${CI_FILE} has no job '${job}'`);
  return jobs;
}

export async function writeCiFile(ws: FixWorkspace, doc: Document) {
  await ws.writeFile(CI_FILE, doc.toString());
}
