import { ConfigSources, StaticConfigSource } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';

export interface LoadConfigOptions {
  /** Command line to read `--config` flags from; defaults to process.argv. */
  argv?: string[];
  /** Directory that relative --config paths and the default app-config.yaml resolve against. */
  rootDir?: string;
  /** Environment for ${VAR} substitution and APP_CONFIG_ keys; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Replaces the ${VAR} lookup in env. */
  substitute?: (name: string) => Promise<string | undefined>;
  /** Applied last, over files and APP_CONFIG_ env vars (used by tests). */
  overrides?: JsonObject;
  /** Follow file changes; on by default, as in the running backend. */
  watch?: boolean;
}

/** Loads configuration exactly as the backend's default root config does. */
export async function loadConfigFiles(options: LoadConfigOptions = {}) {
  const env = options.env ?? process.env;
  const sources = [
    ConfigSources.default({
      argv: options.argv,
      rootDir: options.rootDir,
      watch: options.watch,
      env,
      substitutionFunc: options.substitute ?? (async name => env[name]),
    }),
  ];
  if (options.overrides) {
    sources.push(StaticConfigSource.create({ data: options.overrides }));
  }
  return ConfigSources.toConfig(ConfigSources.merge(sources));
}
