/**
 * Scaffolding with the agentic plugins. The default export is the
 * scaffolder module with the actions `agentic:service:validate`,
 * `agentic:workflow:create`, `agentic:workflow:wait` and
 * `agentic:publish:local`; `plannerModuleScaffolding` adds the
 * `scaffold.service` workflow to the Planner; `localRepositoryUrlReaderFactory`
 * lets the catalog read the repositories `agentic:publish:local` creates.
 *
 * @packageDocumentation
 */
export { scaffolderModuleAgentic as default } from './module';
export { plannerModuleScaffolding } from './planner/module';
export {
  MICROSERVICE_TEMPLATE_STEPS,
  SCAFFOLD_SERVICE_WORKFLOW,
  scaffoldServiceParams,
  scaffoldServiceWorkflow,
} from './planner/scaffoldServiceWorkflow';
export type { ScaffoldServiceParams } from './planner/scaffoldServiceWorkflow';
export { SCAFFOLD_VALIDATE_TASK } from './planner/validateTask';
export { SCAFFOLD_AWAIT_REGISTRATION_TASK } from './planner/awaitRegistrationTask';
export { SCAFFOLD_TEMPLATE_STEP_TASK } from './planner/templateStepTask';
export {
  createWorkflowCreateAction,
  WORKFLOW_CREATE_ACTION_ID,
} from './actions/workflowCreate';
export {
  createWorkflowWaitAction,
  WORKFLOW_WAIT_ACTION_ID,
} from './actions/workflowWait';
export {
  createPublishLocalAction,
  PUBLISH_LOCAL_ACTION_ID,
} from './actions/publishLocal';
export {
  createServiceValidateAction,
  SERVICE_VALIDATE_ACTION_ID,
} from './actions/serviceValidate';
export {
  LocalRepositoryUrlReader,
  localRepositoryUrlReaderFactory,
} from './localRepositories/LocalRepositoryUrlReader';
export {
  LOCAL_PUBLISH_DIRECTORY_KEY,
  LOCAL_PUBLISH_ENABLED_KEY,
  readLocalPublishDirectory,
} from './localRepositories/localPublishDirectory';
export {
  componentRefOf,
  parseServiceRequest,
  SERVICE_API_TYPES,
  SERVICE_DATABASES,
  SERVICE_LANGUAGES,
  SERVICE_NAME_MAX_LENGTH,
  SERVICE_NAME_MIN_LENGTH,
  SERVICE_NAME_PATTERN,
  serviceRequestSchema,
} from './service/serviceRequest';
export type { ServiceRequest } from './service/serviceRequest';
