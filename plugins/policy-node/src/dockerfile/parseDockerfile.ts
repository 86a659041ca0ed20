import { Arg, DockerfileParser, Env, From } from 'dockerfile-ast';
import { ParsedResources, PolicyResource } from '../resources/types';
import { expandVariables, VariableLookup } from './expandVariables';
import { parseImageReference } from './imageReference';
import {
  AddSource,
  addArguments,
  argumentsText,
  runCommand,
} from './instructionText';

/*
 * A Dockerfile is one resource (type `Dockerfile`, line 1) whose
 * attributes, what the Dockerfile rules read, are:
 *
 *   stages: [{ index, name, line, image, registry, repository, tag, digest,
 *              platform, scratch, fromStage, user, userLine }]
 *   finalUser, finalUserLine, finalBaseImage
 *   add:  [{ line, stage, sources: [{ path, remote, archive }], destination }]
 *   runs: [{ line, stage, command }]
 *   env:  [{ line, stage, name, value }]
 *   args: [{ line, stage, name, value }]
 *
 * A stage's image is its FROM reference with ARGs expanded (global ARG
 * defaults, `${V:-default}`); registry / repository / tag / digest are its
 * parts (null when absent), for an external image only. fromStage is the
 * name of the earlier stage it builds on (then image is that name and the
 * parts are null). A stage's user is its effective user at its end: its
 * last USER, else the user of the stage it builds on, else null (the base
 * image's default, root for most). finalUser is the last stage's;
 * finalBaseImage the external image the last stage ultimately builds on.
 * A stage is 0-based; `stage` of a global ARG is null. Lines are 1-based.
 *
 * runs[].command is the shell text a RUN executes (exec form joined,
 * continuation lines joined, comment lines dropped; heredoc bodies keep
 * their lines). ENV / ARG values are as written (ARG: expanded).
 *
 * Values that depend on a build argument with no default are unknown:
 * the image (and its parts) of such a FROM at `stages.<i>.image`, a USER
 * giving the final user at `finalUser`; they are null in the attributes
 * (a stage's own `user` keeps the USER as written).
 */

export interface DockerfileStage {
  index: number;
  name: string | null;
  line: number;
  image: string | null;
  registry: string | null;
  repository: string | null;
  tag: string | null;
  digest: string | null;
  platform: string | null;
  scratch: boolean;
  fromStage: string | null;
  user: string | null;
  userLine: number | null;
}

interface StageState {
  stage: DockerfileStage;
  /** Whether `user` depends on a build argument with no value. */
  userUnknown: string | null;
  args: Map<string, string | null>;
  env: Map<string, string | null>;
}

export function parseDockerfile(
  file: string,
  content: string,
): ParsedResources {
  const dockerfile = DockerfileParser.parse(content);
  const instructions = dockerfile.getInstructions();
  if (!instructions.some(i => i.getKeyword().toUpperCase() === 'FROM')) {
    return {
      resources: [],
      errors: [{ file, error: 'not a Dockerfile: it has no FROM instruction' }],
    };
  }

  const globalArgs = new Map<string, string | null>();
  const states: StageState[] = [];
  const unknowns: Array<{ path: string; reason: string }> = [];
  const add: Array<{
    line: number;
    stage: number;
    sources: AddSource[];
    destination: string | null;
  }> = [];
  const runs: Array<{ line: number; stage: number; command: string }> = [];
  const env: Array<{
    line: number;
    stage: number;
    name: string;
    value: string | null;
  }> = [];
  const args: Array<{
    line: number;
    stage: number | null;
    name: string;
    value: string | null;
  }> = [];

  for (const instruction of instructions) {
    const keyword = instruction.getKeyword().toUpperCase();
    const line = instruction.getRange().start.line + 1;
    const state = states[states.length - 1];

    if (keyword === 'FROM') {
      const next = fromStage(instruction as From, states, globalArgs, unknowns);
      states.push(next);
      continue;
    }
    if (keyword === 'ARG') {
      const lookup: VariableLookup = state
        ? lookupIn(state)
        : variable => globalArgs.get(variable);
      for (const property of (instruction as Arg).getProperties()) {
        const name = property.getName();
        const written = property.getValue();
        // In a stage, `ARG NAME` without a value takes the global default.
        const value =
          written !== null
            ? known(expandVariables(written, lookup))
            : (state && globalArgs.get(name)) ?? null;
        (state ? state.args : globalArgs).set(name, value);
        args.push({
          line,
          stage: state ? state.stage.index : null,
          name,
          value,
        });
      }
      continue;
    }
    if (!state) continue;
    const stage = state.stage.index;
    switch (keyword) {
      case 'ENV':
        for (const property of (instruction as Env).getProperties()) {
          const raw = property.getValue();
          const value =
            raw === null ? '' : known(expandVariables(raw, lookupIn(state)));
          state.env.set(property.getName(), value);
          env.push({ line, stage, name: property.getName(), value: raw });
        }
        break;
      case 'USER': {
        const expanded = expandVariables(
          argumentsText(instruction),
          lookupIn(state),
        );
        state.stage.user = expanded.value;
        state.stage.userLine = line;
        state.userUnknown =
          expanded.unresolved.length > 0
            ? `USER on line ${line} reads ${expanded.unresolved.join(
                ', ',
              )}, which has no value without --build-arg`
            : null;
        break;
      }
      case 'ADD':
        add.push({ line, stage, ...addArguments(instruction) });
        break;
      case 'RUN':
        runs.push({ line, stage, command: runCommand(instruction) });
        break;
      default:
        break;
    }
  }

  const final = states[states.length - 1];
  let finalUser = final.stage.user;
  if (final.userUnknown) {
    unknowns.push({ path: 'finalUser', reason: final.userUnknown });
    finalUser = null;
  }
  const resource: PolicyResource = {
    kind: 'dockerfile',
    type: 'Dockerfile',
    name: file || 'Dockerfile',
    file,
    line: 1,
    attributes: {
      stages: states.map(s => s.stage),
      finalUser,
      finalUserLine: final.stage.userLine,
      finalBaseImage: baseImageOf(final.stage, states),
      add,
      runs,
      env,
      args,
    },
  };
  if (unknowns.length > 0) resource.unknowns = unknowns;
  return { resources: [resource], errors: [] };
}

/** A new stage from its FROM: image resolved, user and ENV inherited. */
function fromStage(
  from: From,
  states: StageState[],
  globalArgs: Map<string, string | null>,
  unknowns: Array<{ path: string; reason: string }>,
): StageState {
  const index = states.length;
  const line = from.getRange().start.line + 1;
  const written = from.getImage() ?? '';
  // FROM sees only the ARGs declared before the first FROM.
  const expanded = expandVariables(written, name => globalArgs.get(name));
  const resolved = expanded.unresolved.length === 0;
  const image = resolved ? expanded.value : null;
  const parent = image
    ? states.find(s => s.stage.name?.toLowerCase() === image.toLowerCase())
    : undefined;
  const reference = image && !parent ? parseImageReference(image) : null;
  if (!resolved) {
    unknowns.push({
      path: `stages.${index}.image`,
      reason: `FROM ${written} on line ${line} reads ${expanded.unresolved.join(
        ', ',
      )}, which has no default without --build-arg`,
    });
  }
  const stage: DockerfileStage = {
    index,
    name: from.getBuildStage(),
    line,
    image,
    registry: reference?.registry ?? null,
    repository: reference?.repository ?? null,
    tag: reference?.tag ?? null,
    digest: reference?.digest ?? null,
    platform: from.getPlatformFlag()?.getValue() ?? null,
    scratch: !parent && image?.toLowerCase() === 'scratch',
    fromStage: parent ? parent.stage.name : null,
    user: parent ? parent.stage.user : null,
    userLine: parent ? parent.stage.userLine : null,
  };
  return {
    stage,
    userUnknown: parent ? parent.userUnknown : null,
    args: new Map(),
    // ENV is part of an image's config, so a stage built on another keeps it.
    env: new Map(parent?.env),
  };
}

function baseImageOf(
  stage: DockerfileStage,
  states: StageState[],
): string | null {
  let current: DockerfileStage | undefined = stage;
  while (current?.fromStage) {
    const name = current.fromStage.toLowerCase();
    current = states.find(s => s.stage.name?.toLowerCase() === name)?.stage;
  }
  return current?.image ?? null;
}

/** ENV wins over ARG of the same name, as in Docker. */
function lookupIn(state: StageState): VariableLookup {
  return name =>
    state.env.has(name) ? state.env.get(name) : state.args.get(name);
}

function known(expansion: {
  value: string;
  unresolved: string[];
}): string | null {
  return expansion.unresolved.length > 0 ? null : expansion.value;
}
