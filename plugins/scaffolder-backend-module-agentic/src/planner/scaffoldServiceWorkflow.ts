import {
  PlannedTask,
  WorkflowDefinition,
} from '@agentic-devops/plugin-agentic-node';
import path from 'node:path';
import { z } from 'zod';
import {
  componentRefOf,
  serviceRequestSchema,
} from '../service/serviceRequest';
import {
  MAX_REGISTRATION_MINUTES,
  SCAFFOLD_AWAIT_REGISTRATION_TASK,
} from './awaitRegistrationTask';
import { SCAFFOLD_VALIDATE_TASK } from './validateTask';

export const SCAFFOLD_SERVICE_WORKFLOW = 'scaffold.service';

/** The Policy agent's task type (its planner module provides it). */
export const POLICY_CHECK_TASK = 'policy.check';

export const scaffoldServiceParams = serviceRequestSchema.extend({
  /**
   * The template run's workspace (absolute): scanned by policy.check once the
   * service is registered, so the scan is recorded for the new entity. The
   * template must keep it (wait for the workflow) until then.
   */
  workspacePath: z
    .string()
    .min(1)
    .refine(p => path.isAbsolute(p), 'must be an absolute path')
    .optional(),
  /** How long to wait for the registration; default 10. */
  registrationTimeoutMinutes: z
    .number()
    .positive()
    .max(MAX_REGISTRATION_MINUTES)
    .optional(),
});
export type ScaffoldServiceParams = z.infer<typeof scaffoldServiceParams>;

/**
 * `scaffold.service`: the workflow of a new service, started by the
 * microservice template: check the request, wait until the service is in
 * the catalog, then (given the workspace) check its files against the
 * policies for the new entity. It finishes once the service is registered,
 * and shows on the new entity's Agents tab.
 */
export const scaffoldServiceWorkflow: WorkflowDefinition<ScaffoldServiceParams> =
  {
    name: SCAFFOLD_SERVICE_WORKFLOW,
    title: 'Scaffold a service',
    description:
      'Checks the request for a new service, waits until the service is registered in the catalog, and checks its generated files against the policies.',
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
        {
          key: 'register',
          type: SCAFFOLD_AWAIT_REGISTRATION_TASK,
          title: `Wait for ${entityRef} in the catalog`,
          params: {
            entityRef,
            owner,
            ...(params.registrationTimeoutMinutes
              ? { timeoutMinutes: params.registrationTimeoutMinutes }
              : {}),
          },
          dependsOn: ['validate'],
        },
      ];
      if (params.workspacePath) {
        // After the registration: policy.check records the scan for the
        // entity, which must be in the catalog by then.
        tasks.push({
          key: 'policy',
          type: POLICY_CHECK_TASK,
          title: 'Check the generated files against the policies',
          params: { path: params.workspacePath, entityRef, failOn: 'high' },
          dependsOn: ['register'],
        });
      }
      return tasks;
    },
  };
