import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import {
  ClassifierSpec,
  classifierSchema,
  NoiseSpec,
  noiseSchema,
  PlaybookSpec,
  playbookSchema,
} from './schema';

export interface PlaybookLibrary {
  playbooks: PlaybookSpec[];
  classifiers: ClassifierSpec[];
  noise: NoiseSpec[];
  /** Where each playbook, classifier or noise set came from. */
  files: Map<string, string>;
}

/** A playbook file that cannot be used; names the file and the problem. */
export class PlaybookError extends Error {
  constructor(readonly file: string, problem: string) {
    super(`Invalid playbook ${file}: ${problem}`);
    this.name = 'PlaybookError';
  }
}

function listYaml(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return listYaml(full);
      return /\.ya?ml$/.test(entry.name) ? [full] : [];
    })
    .sort();
}

function schemaFor(doc: any) {
  if (doc?.kind === 'classifier') return classifierSchema;
  if (doc?.kind === 'noise') return noiseSchema;
  return playbookSchema;
}

/**
 * Reads every YAML file under `dir` (playbooks, classifiers, noise). Any
 * invalid file, duplicate id or unknown fix step type throws a PlaybookError
 * naming the file: the backend must not start with a playbook it cannot use.
 */
export function loadPlaybooks(
  dir: string,
  options: { knownStepTypes?: ReadonlySet<string> } = {},
): PlaybookLibrary {
  if (!fs.existsSync(dir)) {
    throw new PlaybookError(dir, 'the playbooks folder does not exist');
  }
  const library: PlaybookLibrary = {
    playbooks: [],
    classifiers: [],
    noise: [],
    files: new Map(),
  };
  for (const file of listYaml(dir)) {
    const relative = path.relative(path.dirname(dir), file);
    let docs;
    try {
      docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new PlaybookError(relative, (error as Error).message);
    }
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length) {
        throw new PlaybookError(
          relative,
          doc.errors.map(e => e.message).join('; '),
        );
      }
      const value = doc.toJS();
      if (value === null || value === undefined) continue;
      const parsed = schemaFor(value).safeParse(value);
      if (!parsed.success) {
        throw new PlaybookError(
          relative,
          z.prettifyError(parsed.error).replace(/\n/g, '; '),
        );
      }
      const spec = parsed.data;
      if (library.files.has(spec.id)) {
        throw new PlaybookError(
          relative,
          `id ${spec.id} is also used in ${library.files.get(spec.id)}`,
        );
      }
      if (spec.kind !== 'noise') {
        // `<owner>/<rule>` keys the rule's matches: two rules cannot share one.
        const ids = new Set<string>();
        for (const rule of spec.rules) {
          if (ids.has(rule.id)) {
            throw new PlaybookError(
              relative,
              `rule id ${rule.id} is used twice in ${spec.id}`,
            );
          }
          ids.add(rule.id);
        }
      }
      library.files.set(spec.id, relative);
      if (spec.kind === 'noise') {
        library.noise.push(spec);
      } else if (spec.kind === 'classifier') {
        library.classifiers.push(spec);
      } else {
        for (const step of spec.fix.steps) {
          if (
            options.knownStepTypes &&
            !options.knownStepTypes.has(step.type)
          ) {
            throw new PlaybookError(
              relative,
              `fix step type '${step.type}' is not registered (known: ${[
                ...options.knownStepTypes,
              ]
                .sort()
                .join(', ')})`,
            );
          }
        }
        library.playbooks.push(spec);
      }
    }
  }
  if (library.playbooks.length === 0) {
    throw new PlaybookError(dir, 'no playbooks found');
  }
  return library;
}
