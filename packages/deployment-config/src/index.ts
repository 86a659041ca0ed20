export {
  checkDeploymentConfig,
  formatConfigProblems,
  type ConfigProblem,
} from './checkDeploymentConfig';
export { loadConfigFiles, type LoadConfigOptions } from './loadConfigFiles';
export { loadCheckedConfig } from './loadCheckedConfig';
export {
  traceEnvReferences,
  OPTIONAL_ENV_VARS,
  type EnvReference,
} from './traceEnvReferences';
export {
  validatedRootConfigServiceFactory,
  type ValidatedRootConfigOptions,
} from './validatedRootConfig';
