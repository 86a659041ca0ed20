import { parse } from '@cdktf/hcl2json';
import path from 'node:path';
import { Value } from '../values/Unknown';

/** A `.tf` file of the module. */
export interface SourceFile {
  file: string;
  content: string;
}

/** A .tfvars file's values (HCL ones still as expression strings). */
export interface TfvarsFile {
  file: string;
  values: Record<string, unknown>;
  /** JSON values are literal; HCL values are expressions. */
  json: boolean;
  /** Whether Terraform reads it without `-var-file`. */
  automatic: boolean;
}

export interface LoadedModule {
  /**
   * The module's `.tf` files as hcl2json gives them, merged in file
   * order: blocks as arrays (`resource.<type>.<name>` is a list, one body
   * per declaration), expressions as `${…}` strings.
   */
  body: Record<string, unknown>;
  /** The `.tf` files that parsed. */
  sources: SourceFile[];
  /** Other files given with the module, for `file()` and `templatefile()`. */
  others: SourceFile[];
  /** Automatic ones in the order Terraform applies them (later wins). */
  tfvars: TfvarsFile[];
  errors: Array<{ file: string; error: string }>;
}

const isTfvars = (base: string) =>
  base.endsWith('.tfvars') || base.endsWith('.tfvars.json');

/**
 * `terraform.tfvars`, `terraform.tfvars.json`, then `*.auto.tfvars` and
 * `*.auto.tfvars.json` by name: what Terraform loads by itself.
 */
function automaticOrder(base: string): number | undefined {
  if (base === 'terraform.tfvars') return 0;
  if (base === 'terraform.tfvars.json') return 1;
  if (/\.auto\.tfvars(?:\.json)?$/.test(base)) return 2;
  return undefined;
}

/** hcl2json says `parse config: [main.tf:3,1-2: Invalid expression; …]`. */
const message = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .replace(/^parse config: /, '')
    .replace(/^\[(.*)\]$/s, '$1');

/** hcl2json's way of merging bodies: lists concatenated, blocks by label. */
function merge(a: unknown, b: unknown): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [key, value] of Object.entries(b)) {
      out[key] = key in out ? merge(out[key], value) : value;
    }
    return out;
  }
  return b;
}

/**
 * The `.tf` files parsed together (one call into the parser is much
 * cheaper than one per file); when that fails, file by file, so that the
 * error names the file and the other files still count.
 */
async function parseSources(
  sources: SourceFile[],
  errors: LoadedModule['errors'],
): Promise<{ body: Record<string, unknown>; sources: SourceFile[] }> {
  if (sources.length === 0) return { body: {}, sources };
  try {
    const joined = sources.map(s => s.content).join('\n');
    return { body: await parse('module.tf', joined), sources };
  } catch {
    let body: Record<string, unknown> = {};
    const parsed: SourceFile[] = [];
    for (const source of sources) {
      try {
        const one = await parse(
          path.posix.basename(source.file),
          source.content,
        );
        body = merge(body, one) as Record<string, unknown>;
        parsed.push(source);
      } catch (error) {
        errors.push({
          file: source.file,
          error: `cannot parse: ${message(error)}`,
        });
      }
    }
    return { body, sources: parsed };
  }
}

/**
 * Parses the files of one module with the HCL parser. A file that does not
 * parse is an error naming it; the others still count. Files that are
 * neither `.tf` nor `.tfvars` (policy.json, user-data.tftpl) are kept for
 * `file()` and `templatefile()`.
 */
export async function loadModuleFiles(
  files: Array<{ path: string; content: string }>,
): Promise<LoadedModule> {
  const sources: SourceFile[] = [];
  const others: SourceFile[] = [];
  const tfvars: Array<TfvarsFile & { order: number }> = [];
  const errors: LoadedModule['errors'] = [];
  for (const { path: file, content } of files) {
    const base = path.posix.basename(file.replace(/\\/g, '/'));
    try {
      if (isTfvars(base)) {
        const json = base.endsWith('.json');
        const values = json
          ? (JSON.parse(content) as Record<string, Value>)
          : await parse(base, content);
        if (
          typeof values !== 'object' ||
          values === null ||
          Array.isArray(values)
        ) {
          throw new Error('expected an object of variable values');
        }
        const order = automaticOrder(base);
        tfvars.push({
          file,
          values,
          json,
          automatic: order !== undefined,
          order: order ?? 3,
        });
      } else if (base.endsWith('.tf')) {
        sources.push({ file, content });
      } else {
        others.push({ file, content });
      }
    } catch (error) {
      errors.push({ file, error: `cannot parse: ${message(error)}` });
    }
  }
  tfvars.sort(
    (a, b) =>
      a.order - b.order ||
      path.posix.basename(a.file).localeCompare(path.posix.basename(b.file)),
  );
  const parsed = await parseSources(sources, errors);
  return {
    body: parsed.body,
    sources: parsed.sources,
    others,
    tfvars: tfvars.map(({ order: _order, ...rest }) => rest),
    errors,
  };
}
