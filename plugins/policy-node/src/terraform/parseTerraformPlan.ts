import { ParsedResources } from '../resources/types';
import { policyDocumentJson, renderPolicyDocument } from './iam/policyDocument';
import { normaliseResources } from './normalise/normaliseResources';
import { hasPath, Path, ResourceInstance } from './normalise/ResourceInstance';
import { toPolicyResource } from './toPolicyResource';
import { isObject, Unknown, Value, ValueObject } from './values/Unknown';
import {
  configurationIndex,
  modulePrefix,
  PlanJson,
  plannedResources,
  ResourceChange,
  withoutKeys,
  withUnknowns,
} from './plan/planDocument';

/** The first reference of a configured expression (`aws_s3_bucket.b.id`). */
function firstReference(expression: unknown): string | undefined {
  if (!isObject(expression as Value)) return undefined;
  const references = (expression as { references?: unknown }).references;
  return Array.isArray(references) && typeof references[0] === 'string'
    ? references[0]
    : undefined;
}

/**
 * Where the configuration sets a value: the expressions of a resource
 * hold `{ constant_value }` / `{ references }` per attribute and lists of
 * such objects per nested block.
 */
function configuredIn(expressions: Record<string, unknown> | undefined) {
  return (path: Path) =>
    expressions === undefined || hasPath(expressions, path);
}

/**
 * The AWS resources of a `terraform show -json` plan: every resource of
 * `planned_values` (child modules included), its planned values taken as
 * known and `after_unknown` marking what is not. A value known only after
 * apply that the configuration does not set takes AWS's default (it is
 * what AWS will choose); one it sets stays unknown. Companion resources
 * are linked to their bucket by name or by the configuration's
 * references; a policy known only after apply is read from its
 * `aws_iam_policy_document` where the plan has it.
 */
export function parseTerraformPlan(
  file: string,
  json: unknown,
): ParsedResources {
  const plan = json as PlanJson;
  if (!isObject(json as Value) || !plan.planned_values) {
    return {
      resources: [],
      errors: [
        { file, error: 'not a terraform show -json plan: no planned_values' },
      ],
    };
  }
  const changes = new Map<string, ResourceChange>();
  for (const change of plan.resource_changes ?? []) {
    changes.set(change.address, change);
  }
  const configuration = configurationIndex(plan);

  const instances: ResourceInstance[] = [];
  for (const resource of plannedResources(plan)) {
    if ((resource.mode ?? 'managed') !== 'managed') continue;
    if (!resource.type?.startsWith('aws_')) continue;
    const prefix = modulePrefix(resource.address, resource.type, resource.name);
    const base = withoutKeys(
      resource.address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]$/, ''),
    );
    const expressions = configuration.get(
      `${withoutKeys(prefix)}${resource.type}.${resource.name}`,
    );
    const unknownMask = changes.get(resource.address)?.change?.after_unknown;
    const values = withUnknowns(
      resource.values ?? {},
      unknownMask,
      resource.address,
    );
    const own: ValueObject = isObject(values) ? { ...values } : {};
    for (const [key, value] of Object.entries(own)) {
      const reference = firstReference(expressions?.[key]);
      if (value instanceof Unknown && reference) {
        own[key] = new Unknown(value.reason, {
          ...value.options,
          reference: `${withoutKeys(prefix)}${reference}`,
        });
      }
    }
    if (own.policy instanceof Unknown) {
      own.policy = policyFromDocument(own.policy, prefix, expressions, changes);
    }
    instances.push({
      type: resource.type,
      address: resource.address,
      base,
      file,
      line: 0,
      values: own,
      configured: configuredIn(expressions),
    });
  }
  normaliseResources(instances);
  return { resources: instances.map(toPolicyResource), errors: [] };
}

/**
 * A policy the plan knows only after apply, as far as its
 * `data.aws_iam_policy_document` is in the plan (to be read at apply,
 * with its statements' known parts).
 */
function policyFromDocument(
  policy: Unknown,
  prefix: string,
  expressions: Record<string, unknown> | undefined,
  changes: Map<string, ResourceChange>,
): Value {
  const reference = firstReference(expressions?.policy);
  const match =
    reference &&
    /^(data\.aws_iam_policy_document\.[\w-]+(?:\[[^\]]+\])?)/.exec(reference);
  if (!match) return policy;
  const change = changes.get(`${prefix}${match[1]}`)?.change;
  if (!change) return policy;
  const args = withUnknowns(
    change.after ?? {},
    change.after_unknown,
    `${prefix}${match[1]}`,
  );
  if (!isObject(args)) return policy;
  const json = policyDocumentJson(renderPolicyDocument(args));
  return json instanceof Unknown
    ? new Unknown(policy.reason, { ...json.options })
    : json;
}
