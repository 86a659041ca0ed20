import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** The languages a generated service can be written in (a skeleton each). */
export const SERVICE_LANGUAGES = ['python', 'nodejs', 'go'] as const;
/** Where a generated service keeps its data. */
export const SERVICE_DATABASES = ['postgresql', 'dynamodb', 'none'] as const;
/** The API styles whose generated service is verified here. */
export const SERVICE_API_TYPES = ['rest'] as const;

/**
 * A service's name: kebab-case, because it is also its Kubernetes name, its
 * image, its DynamoDB table and (with `_`) its database. For a template's
 * `pattern`.
 */
export const SERVICE_NAME_PATTERN = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
export const SERVICE_NAME_MIN_LENGTH = 3;
/** Leaves room for the suffixes the generated resources add (`-db`, `-credentials`) within 63. */
export const SERVICE_NAME_MAX_LENGTH = 40;

const listed = (values: readonly string[]) => values.join(', ');

export const serviceNameSchema = z
  .string()
  .min(
    SERVICE_NAME_MIN_LENGTH,
    `must have at least ${SERVICE_NAME_MIN_LENGTH} characters`,
  )
  .max(
    SERVICE_NAME_MAX_LENGTH,
    `must have at most ${SERVICE_NAME_MAX_LENGTH} characters`,
  )
  .regex(
    new RegExp(SERVICE_NAME_PATTERN),
    'must be kebab-case: lowercase letters and digits in words joined by single hyphens, starting with a letter (e.g. orders-api)',
  );

/** A group or user ref (kind group and namespace default unless given), normalised. */
export const ownerRefSchema = z
  .string()
  .min(1, 'is required')
  .transform((owner, ctx) => {
    try {
      const ref = parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (['group', 'user'].includes(ref.kind.toLocaleLowerCase('en-US'))) {
        return stringifyEntityRef(ref);
      }
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: `'${owner}' is not a group or user ref such as group:default/payments-team`,
    });
    return z.NEVER;
  });

const oneOf = <T extends readonly [string, ...string[]]>(
  values: T,
  what: string,
) =>
  z.enum(values, {
    error: issue =>
      issue.input === undefined
        ? `is required: one of ${listed(values)}`
        : `unknown ${what} '${String(issue.input)}': choose one of ${listed(
            values,
          )}`,
  });

/** What a new service is: the template's form, the workflow's parameters. */
export const serviceRequestSchema = z.object({
  name: serviceNameSchema,
  owner: ownerRefSchema,
  language: oneOf(SERVICE_LANGUAGES, 'language'),
  database: oneOf(SERVICE_DATABASES, 'database'),
  apiType: z
    .enum(SERVICE_API_TYPES, {
      error: issue =>
        `API type '${String(
          issue.input,
        )}' is not offered: only rest services are generated and verified here`,
    })
    .default('rest'),
});
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

/** One line per problem: `name: must be kebab-case…`. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map(issue =>
    issue.path.length
      ? `${issue.path.join('.')}: ${issue.message}`
      : issue.message,
  );
}

/** The request, normalised, or an InputError naming every problem. */
export function parseServiceRequest(input: unknown): ServiceRequest {
  const parsed = serviceRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new InputError(
      `Cannot create the service: ${describeIssues(parsed.error).join('; ')}`,
    );
  }
  return parsed.data;
}

/** The catalog entity a service is registered as. */
export function componentRefOf(name: string): string {
  return stringifyEntityRef({ kind: 'component', namespace: 'default', name });
}
