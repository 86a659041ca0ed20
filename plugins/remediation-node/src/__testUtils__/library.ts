import path from 'node:path';
import { loadPlaybooks, PlaybookLibrary } from '../playbooks/loadPlaybooks';
import {
  classifierSchema,
  noiseSchema,
  playbookSchema,
} from '../playbooks/schema';
import { builtinFixSteps } from '../fixes/builtinFixSteps';

export const PLAYBOOKS_DIR = path.resolve(__dirname, '../../../../playbooks');

let repoLibrary: PlaybookLibrary | undefined;

/** The repository's playbooks (loaded once per test file). */
export function playbooks(): PlaybookLibrary {
  repoLibrary ??= loadPlaybooks(PLAYBOOKS_DIR, {
    knownStepTypes: new Set(builtinFixSteps.map(s => s.type)),
  });
  return repoLibrary;
}

type Input = Record<string, unknown>;

/** A library from inline specs (validated, with defaults, as from YAML). */
export function makeLibrary(specs: {
  playbooks?: Input[];
  classifiers?: Input[];
  noise?: Input[];
}): PlaybookLibrary {
  const library: PlaybookLibrary = {
    playbooks: (specs.playbooks ?? []).map(p => playbookSchema.parse(p)),
    classifiers: (specs.classifiers ?? []).map(c =>
      classifierSchema.parse({ kind: 'classifier', ...c }),
    ),
    noise: (specs.noise ?? []).map(n =>
      noiseSchema.parse({ kind: 'noise', ...n }),
    ),
    files: new Map(),
  };
  for (const spec of [
    ...library.playbooks,
    ...library.classifiers,
    ...library.noise,
  ])
    library.files.set(spec.id, `inline/${spec.id}.yaml`);
  return library;
}

/** A playbook with one fix step of `retry-job`, for rules under test. */
export function playbook(
  id: string,
  category: string,
  rules: Input[],
  extra: Input = {},
): Input {
  return {
    id,
    title: id,
    category,
    risk: 'low',
    rules,
    fix: { steps: [{ type: 'retry-job' }] },
    ...extra,
  };
}
