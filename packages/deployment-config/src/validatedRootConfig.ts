import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { formatConfigProblems } from './checkDeploymentConfig';
import { loadCheckedConfig } from './loadCheckedConfig';
import { LoadConfigOptions } from './loadConfigFiles';

export type ValidatedRootConfigOptions = Pick<
  LoadConfigOptions,
  'argv' | 'overrides'
>;

/**
 * The default root config service (files from --config, APP_CONFIG_ env vars)
 * plus a check that runs before any plugin: a missing or malformed required
 * value stops start-up with a message that names the key.
 */
export function validatedRootConfigServiceFactory(
  options: ValidatedRootConfigOptions = {},
) {
  return createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    async factory() {
      const { config, problems } = await loadCheckedConfig(options);
      if (problems.length > 0) {
        config.close();
        throw new Error(formatConfigProblems(problems));
      }
      return config;
    },
  });
}
