import {
  NonRetryableTaskError,
  TaskHandler,
} from '@agentic-devops/plugin-agentic-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { lookUpServiceName } from '../service/catalogChecks';
import {
  componentRefOf,
  ServiceRequest,
  serviceRequestSchema,
} from '../service/serviceRequest';

export const SCAFFOLD_VALIDATE_TASK = 'scaffold.validate';

/**
 * `scaffold.validate`: checks the request again when the workflow runs (it
 * may come from the API rather than the template): its owner in the catalog,
 * and its name not taken by another owner's entity. An entity of the same
 * name and owner is let through: the template run that started the workflow
 * may have registered the service already.
 */
export function createValidateTask(deps: {
  catalog: CatalogService;
  auth: AuthService;
}): TaskHandler<ServiceRequest> {
  return {
    type: SCAFFOLD_VALIDATE_TASK,
    title: 'Check the request for a new service',
    description:
      "Checks a new service's name, language, database and API type, that its owner is in the catalog and that no other owner's entity has its name.",
    parameters: serviceRequestSchema,
    maxAttempts: 3,
    async run({ params, progress }) {
      const { holders, ownerExists } = await lookUpServiceName(
        deps.catalog,
        params,
        await deps.auth.getOwnServiceCredentials(),
      );
      const problems = holders
        .filter(holder => holder.owner !== params.owner)
        .map(
          holder =>
            `'${params.name}' is already used by ${holder.ref}, owned by ${
              holder.owner ?? 'nobody'
            }`,
        );
      if (!ownerExists) {
        problems.push(`owner ${params.owner} is not in the catalog`);
      }
      if (problems.length) {
        throw new NonRetryableTaskError(
          `Cannot create the service: ${problems.join('; ')}`,
        );
      }
      await progress(
        `${params.name}: ${params.language}, ${params.database}, ${params.apiType} API, owned by ${params.owner}`,
      );
      return {
        entityRef: componentRefOf(params.name),
        owner: params.owner,
        language: params.language,
        database: params.database,
        apiType: params.apiType,
      };
    },
  };
}
