import { JsonValue } from '@backstage/types';
import { loadConfigFiles, LoadConfigOptions } from './loadConfigFiles';

/**
 * Environment variables a config file may reference without setting them.
 * Without ANTHROPIC_API_KEY the agents use the rule-based reasoning engine.
 */
export const OPTIONAL_ENV_VARS: ReadonlySet<string> = new Set([
  'ANTHROPIC_API_KEY',
]);

/** A `${VAR}` in a config file, with the key it feeds. */
export interface EnvReference {
  key: string;
  envVar: string;
  isSet: boolean;
}

const marker = (name: string, isSet: boolean) =>
  `<<agentic-env:${isSet ? 'set' : 'unset'}:${name}>>`;
const markerPattern = /<<agentic-env:(set|unset):([^>]+)>>/g;

function collect(
  value: JsonValue | undefined,
  key: string,
  out: EnvReference[],
) {
  if (typeof value === 'string') {
    for (const match of value.matchAll(markerPattern)) {
      out.push({ key, envVar: match[2], isSet: match[1] === 'set' });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => collect(item, `${key}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value)) {
      collect(item, key ? `${key}.${name}` : name, out);
    }
  }
}

/**
 * Finds every `${VAR}` in the config files and the key it feeds, by loading
 * them once with a marker in place of each value. The loader silently drops
 * a value whose variable is unset (and a base file's value may then apply,
 * e.g. a localhost URL in production), so this is the only way to see it.
 */
export async function traceEnvReferences(
  options: Omit<LoadConfigOptions, 'watch' | 'substitute'>,
): Promise<EnvReference[]> {
  const env = options.env ?? process.env;
  const config = await loadConfigFiles({
    ...options,
    overrides: undefined,
    watch: false,
    substitute: async name => marker(name, env[name] !== undefined),
  });
  const found: EnvReference[] = [];
  collect(config.get(), '', found);
  return found;
}
