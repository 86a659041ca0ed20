import {
  AuthService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isNonEmptyFolder,
  LOCAL_PUBLISH_DISABLED_MESSAGE,
} from '../localRepositories/localPublishDirectory';
import { lookUpServiceName } from '../service/catalogChecks';
import {
  componentRefOf,
  describeIssues,
  SERVICE_API_TYPES,
  SERVICE_DATABASES,
  SERVICE_LANGUAGES,
  SERVICE_NAME_PATTERN,
  serviceRequestSchema,
} from '../service/serviceRequest';
import { examples } from './serviceValidate.examples';

export const SERVICE_VALIDATE_ACTION_ID = 'agentic:service:validate';

/**
 * `agentic:service:validate`: refuses a request for a new service before
 * anything is written, naming every problem: the name's pattern, the
 * language, database and API type offered, the name already used by a
 * catalog entity (or a local repository), the owner missing from the catalog.
 */
export function createServiceValidateAction(options: {
  catalog: CatalogService;
  auth: AuthService;
  /** Where agentic:publish:local creates repositories; undefined when it is turned off. */
  localPublishDirectory: string | undefined;
}) {
  const { catalog, auth, localPublishDirectory } = options;
  return createTemplateAction({
    id: SERVICE_VALIDATE_ACTION_ID,
    description:
      'Checks a request for a new service before anything is written: kebab-case name not yet used in the catalog, known language, database and API type, owner in the catalog',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              `The service's name: kebab-case (${SERVICE_NAME_PATTERN}), not used by a Component, API or Resource`,
            ),
        owner: z =>
          z
            .string()
            .describe(
              'The owning group or user, e.g. group:default/payments-team',
            ),
        language: z =>
          z.string().describe(`One of ${SERVICE_LANGUAGES.join(', ')}`),
        database: z =>
          z.string().describe(`One of ${SERVICE_DATABASES.join(', ')}`),
        apiType: z =>
          z
            .string()
            .optional()
            .describe(`One of ${SERVICE_API_TYPES.join(', ')}; default rest`),
        publish: z =>
          z
            .enum(['local', 'gitlab'])
            .optional()
            .describe(
              'Where the service will be published; with local (the default) a repository of that name must not exist yet',
            ),
      },
      output: {
        entityRef: z =>
          z.string().describe('The component the service will be'),
        ownerRef: z => z.string().describe('The owner as a full entity ref'),
      },
    },
    async handler(ctx) {
      const parsed = serviceRequestSchema.safeParse({
        ...ctx.input,
        // A template renders an optional value it has not got as ''.
        apiType: ctx.input.apiType || undefined,
      });
      if (!parsed.success) {
        throw new InputError(
          `Cannot create the service: ${describeIssues(parsed.error).join(
            '; ',
          )}`,
        );
      }
      const request = parsed.data;
      const { holders, ownerExists } = await lookUpServiceName(
        catalog,
        request,
        await auth.getOwnServiceCredentials(),
      );
      const problems = holders.map(
        holder =>
          `name: '${request.name}' is already used by ${holder.ref} in the catalog; choose another name`,
      );
      if (!ownerExists) {
        problems.push(`owner: ${request.owner} is not in the catalog`);
      }
      const publishLocally = (ctx.input.publish ?? 'local') === 'local';
      if (publishLocally && !localPublishDirectory) {
        problems.push(`publish: ${LOCAL_PUBLISH_DISABLED_MESSAGE}`);
      } else if (publishLocally && localPublishDirectory) {
        const repository = resolveSafeChildPath(
          localPublishDirectory,
          request.name,
        );
        if (isNonEmptyFolder(repository)) {
          problems.push(
            `name: a local repository named '${request.name}' already exists at ${repository}; choose another name`,
          );
        }
      }
      if (problems.length) {
        throw new InputError(
          `Cannot create the service: ${problems.join('; ')}`,
        );
      }
      const entityRef = componentRefOf(request.name);
      ctx.logger.info(
        `${entityRef} (${request.language}, ${request.database}, ${request.apiType}) owned by ${request.owner} can be created`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('ownerRef', request.owner);
    },
  });
}
