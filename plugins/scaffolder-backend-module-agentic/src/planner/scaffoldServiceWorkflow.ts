import {
  PlannedTask,
  WorkflowDefinition,
} from '@agentic-devops/plugin-agentic-node';
import { z } from 'zod';
import {
  componentRefOf,
  serviceRequestSchema,
} from '../service/serviceRequest';
import {
  MAX_REGISTRATION_MINUTES,
  SCAFFOLD_AWAIT_REGISTRATION_TASK,
} from './awaitRegistrationTask';
import { SCAFFOLD_TEMPLATE_STEP_TASK } from './templateStepTask';
import { SCAFFOLD_VALIDATE_TASK } from './validateTask';

export const SCAFFOLD_SERVICE_WORKFLOW = 'scaffold.service';

/**
 * The microservice template's steps, by phase: the workflow's tasks follow
 * them (templates/microservice/template.yaml names the same ids).
 */
export const MICROSERVICE_TEMPLATE_STEPS = {
  generate: ['fetch-common', 'fetch-language'],
  policy: ['policy'],
  publish: ['publish-local', 'publish-gitlab'],
  register: ['register-local', 'register-gitlab'],
} as const;

export const scaffoldServiceParams = serviceRequestSchema.extend({
  /**
   * The template run (scaffolder task) that scaffolds the service: given,
   * the workflow's tasks follow its generate, policy, publish and register
   * steps (the microservice template's step ids).
   */
  scaffolderTaskId: z.string().min(1).optional(),
  /** How long to wait for the registration; default 10. */
  registrationTimeoutMinutes: z
    .number()
    .positive()
    .max(MAX_REGISTRATION_MINUTES)
    .optional(),
});
export type ScaffoldServiceParams = z.infer<typeof scaffoldServiceParams>;

/**
 * `scaffold.service`: the workflow of a new service. Started by the
 * microservice template with its run's id, it checks the request, follows
 * the run as it generates the files, checks them against the policies,
 * publishes the repository and registers it, and ends once the catalog has
 * the service with its owner. The template's steps do the work with
 * Backstage's own actions; the workflow makes each phase a durable task
 * with its progress, on the new entity's Agents tab, and fails with the
 * failing step's error. Without a run it checks the request and waits for
 * the registration.
 */
export const scaffoldServiceWorkflow: WorkflowDefinition<ScaffoldServiceParams> =
  {
    name: SCAFFOLD_SERVICE_WORKFLOW,
    title: 'Scaffold a service',
    description:
      'Checks the request for a new service, follows its template run as it generates, checks policies, publishes and registers the service, and waits until the catalog has it.',
    parameters: scaffoldServiceParams,
    // The workflow brings this entity into the catalog: it may be named
    // before the catalog has it, so the run shows on its Agents tab.
    pendingEntity: params => ({
      entityRef: componentRefOf(params.name),
      ownerRef: params.owner,
    }),
    plan: params => {
      const entityRef = componentRefOf(params.name);
      const { name, owner, language, database, apiType } = params;
      const tasks: PlannedTask[] = [
        {
          key: 'validate',
          type: SCAFFOLD_VALIDATE_TASK,
          title: 'Check the request',
          params: { name, owner, language, database, apiType },
        },
      ];
      let last = 'validate';
      if (params.scaffolderTaskId) {
        const phases: Array<{
          key: keyof typeof MICROSERVICE_TEMPLATE_STEPS;
          title: string;
          mode: 'all' | 'any';
        }> = [
          { key: 'generate', title: 'Generate the files', mode: 'all' },
          { key: 'policy', title: 'Check the policies', mode: 'all' },
          { key: 'publish', title: 'Publish the repository', mode: 'any' },
          { key: 'register', title: 'Register in the catalog', mode: 'any' },
        ];
        for (const phase of phases) {
          tasks.push({
            key: phase.key,
            type: SCAFFOLD_TEMPLATE_STEP_TASK,
            title: phase.title,
            params: {
              scaffolderTaskId: params.scaffolderTaskId,
              steps: [...MICROSERVICE_TEMPLATE_STEPS[phase.key]],
              mode: phase.mode,
            },
            dependsOn: [last],
          });
          last = phase.key;
        }
      }
      tasks.push({
        key: 'catalog',
        type: SCAFFOLD_AWAIT_REGISTRATION_TASK,
        title: `Wait for ${entityRef} in the catalog`,
        params: {
          entityRef,
          owner,
          ...(params.registrationTimeoutMinutes
            ? { timeoutMinutes: params.registrationTimeoutMinutes }
            : {}),
        },
        dependsOn: [last],
      });
      return tasks;
    },
  };
