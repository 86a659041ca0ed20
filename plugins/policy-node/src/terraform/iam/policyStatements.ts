import {
  isObject,
  Unknown,
  Value,
  ValueObject,
  withPlaceholders,
} from '../values/Unknown';
import {
  placeholderIfComputed,
  stringList,
} from '../normalise/ResourceInstance';

/**
 * A policy as a document: JSON text, a jsonencode() structure, or what is
 * known of one whose values are partly known only after apply.
 */
function documentOf(policy: Value): Value {
  if (policy instanceof Unknown) {
    const partial = policy.partial;
    if (partial === undefined) return policy;
    if (typeof partial === 'string') return documentOf(partial);
    return partial;
  }
  if (typeof policy !== 'string') return policy;
  if (policy.trim() === '') return null;
  try {
    return JSON.parse(policy) as Value;
  } catch (error) {
    return new Unknown(
      `the policy is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** IAM allows one string where a list is meant. */
const field = (statement: ValueObject, key: string): Value =>
  stringList(statement[key]);

function normaliseStatement(statement: Value): Value {
  if (statement instanceof Unknown) {
    const known = withPlaceholders(statement);
    return known === undefined ? statement : normaliseStatement(known);
  }
  if (!isObject(statement)) {
    return new Unknown('a policy statement is not an object');
  }
  const effect = placeholderIfComputed(statement.Effect ?? 'Allow');
  return {
    sid: typeof statement.Sid === 'string' ? statement.Sid : null,
    effect:
      typeof effect === 'string'
        ? `${effect.charAt(0).toUpperCase()}${effect.slice(1).toLowerCase()}`
        : effect,
    actions: field(statement, 'Action'),
    not_actions: field(statement, 'NotAction'),
    resources: field(statement, 'Resource'),
    not_resources: field(statement, 'NotResource'),
  };
}

/**
 * The statements of an IAM policy in the shape rules read:
 * `[{ sid, effect, actions, not_actions, resources, not_resources }]`,
 * every list a list even where the policy gives one string. Values known
 * only after apply (another resource's ARN) are placeholders; values that
 * cannot be known at all stay unknown. No policy gives [].
 */
export function policyStatements(policy: Value | undefined): Value {
  if (policy === undefined || policy === null) return [];
  const document = documentOf(policy);
  if (document instanceof Unknown) return document;
  if (document === null) return [];
  if (!isObject(document)) {
    return new Unknown('the policy is not a JSON object');
  }
  const statements = document.Statement;
  if (statements instanceof Unknown) return statements;
  if (statements === undefined || statements === null) return [];
  return (Array.isArray(statements) ? statements : [statements]).map(
    normaliseStatement,
  );
}
