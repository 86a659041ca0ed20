import { blockLines } from './blockLines';
import { SourceFile } from './loadModuleFiles';
import { VariableDeclaration } from './variables';

export interface BlockDeclaration {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  body: Record<string, unknown>;
  file: string;
  line: number;
}

/** What a module's files declare. */
export interface Declarations {
  variables: VariableDeclaration[];
  locals: Map<string, unknown>;
  /** By mode, then type, then name. */
  blocks: Record<
    'managed' | 'data',
    Map<string, Map<string, BlockDeclaration>>
  >;
  /** `provider "<name>"` blocks, in file order. */
  providers: Array<{ name: string; body: Record<string, unknown> }>;
  errors: Array<{ file: string; error: string }>;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const asList = (value: unknown): unknown[] => {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
};

/**
 * The declarations of a module from its merged hcl2json body; each
 * resource and data block gets the file and line it is declared at.
 * A name declared twice is an error (the first declaration counts).
 */
export function collectDeclarations(
  body: Record<string, unknown>,
  sources: SourceFile[],
): Declarations {
  const declarations: Declarations = {
    variables: [],
    locals: new Map(),
    blocks: { managed: new Map(), data: new Map() },
    providers: [],
    errors: [],
  };
  const lines = sources.map(source => ({
    file: source.file,
    lines: blockLines(source.content),
  }));
  /** Where `key` is declared, in file order. */
  const places = (key: string) =>
    lines
      .filter(l => l.lines.has(key))
      .map(l => ({ file: l.file, line: l.lines.get(key)! }));
  const fallback = { file: sources[0]?.file ?? '', line: 1 };

  for (const [name, decls] of Object.entries(asRecord(body.variable))) {
    const list = asList(decls);
    if (list.length > 1) {
      declarations.errors.push({
        file: fallback.file,
        error: `variable "${name}" is declared more than once`,
      });
    }
    declarations.variables.push({ name, ...asRecord(list[0]) });
  }
  for (const block of asList(body.locals)) {
    for (const [name, raw] of Object.entries(asRecord(block))) {
      if (declarations.locals.has(name)) {
        declarations.errors.push({
          file: fallback.file,
          error: `local.${name} is declared more than once`,
        });
        continue;
      }
      declarations.locals.set(name, raw);
    }
  }
  for (const [name, blocks] of Object.entries(asRecord(body.provider))) {
    for (const block of asList(blocks)) {
      declarations.providers.push({ name, body: asRecord(block) });
    }
  }
  for (const [mode, keyword] of [
    ['managed', 'resource'],
    ['data', 'data'],
  ] as const) {
    for (const [type, byName] of Object.entries(asRecord(body[keyword]))) {
      const ofType = new Map<string, BlockDeclaration>();
      declarations.blocks[mode].set(type, ofType);
      for (const [name, bodies] of Object.entries(asRecord(byName))) {
        const at = places(`${keyword}.${type}.${name}`);
        const list = asList(bodies);
        if (list.length > 1) {
          declarations.errors.push({
            file: (at[1] ?? at[0] ?? fallback).file,
            error: `${keyword} "${type}" "${name}" is declared more than once (${at
              .map(p => `${p.file}:${p.line}`)
              .join(', ')})`,
          });
        }
        ofType.set(name, {
          mode,
          type,
          name,
          body: asRecord(list[0]),
          ...(at[0] ?? fallback),
        });
      }
    }
  }
  return declarations;
}
