import { checkDeploymentConfig, ConfigProblem } from './checkDeploymentConfig';
import { loadConfigFiles, LoadConfigOptions } from './loadConfigFiles';
import { OPTIONAL_ENV_VARS, traceEnvReferences } from './traceEnvReferences';

/**
 * Loads the configuration and lists what is wrong with it, each problem once
 * and named by its config key (and the env var that feeds it): every unset
 * `${VAR}` except the optional ones, and every value the schema rejects.
 */
export async function loadCheckedConfig(
  options: Omit<LoadConfigOptions, 'substitute'> = {},
) {
  const references = await traceEnvReferences(options);
  const config = await loadConfigFiles(options);

  const problems: ConfigProblem[] = references
    .filter(ref => !ref.isSet && !OPTIONAL_ENV_VARS.has(ref.envVar))
    .map(ref => ({ key: ref.key, message: 'is missing', envVar: ref.envVar }));
  for (const problem of checkDeploymentConfig(config)) {
    if (!problems.some(p => p.key === problem.key)) {
      const envVar = references.find(ref => ref.key === problem.key)?.envVar;
      problems.push({ ...problem, envVar });
    }
  }
  return { config, problems };
}
