import {
  findUnknown,
  isObject,
  Unknown,
  Value,
  ValueObject,
} from '../values/Unknown';

const asList = (value: Value | undefined): Value[] => {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
};

/** `principals { type, identifiers }` blocks as IAM's `Principal` map. */
function principals(blocks: Value | undefined): Value | undefined {
  if (blocks instanceof Unknown) return blocks;
  const list = asList(blocks).filter(isObject);
  if (!list.length) return undefined;
  if (
    list.length === 1 &&
    list[0].type === '*' &&
    Array.isArray(list[0].identifiers) &&
    list[0].identifiers.length === 1 &&
    list[0].identifiers[0] === '*'
  ) {
    return '*';
  }
  const result: ValueObject = {};
  for (const block of list) {
    if (block.type instanceof Unknown) return block.type;
    const type = String(block.type);
    const existing = result[type];
    result[type] = [
      ...(Array.isArray(existing) ? existing : []),
      ...asList(block.identifiers),
    ];
  }
  return result;
}

/** `condition { test, variable, values }` blocks as IAM's `Condition` map. */
function conditions(blocks: Value | undefined): Value | undefined {
  if (blocks instanceof Unknown) return blocks;
  const list = asList(blocks).filter(isObject);
  if (!list.length) return undefined;
  const result: Record<string, ValueObject> = {};
  for (const block of list) {
    if (block.test instanceof Unknown) return block.test;
    if (block.variable instanceof Unknown) return block.variable;
    const test = String(block.test);
    result[test] ??= {};
    result[test][String(block.variable)] = asList(block.values);
  }
  return result;
}

function statement(block: ValueObject): ValueObject {
  const out: ValueObject = {};
  const put = (key: string, value: Value | undefined) => {
    if (value !== undefined && value !== null) out[key] = value;
  };
  put('Sid', block.sid === '' ? undefined : block.sid);
  put('Effect', block.effect ?? 'Allow');
  put('Action', block.actions);
  put('NotAction', block.not_actions);
  put('Resource', block.resources);
  put('NotResource', block.not_resources);
  put('Principal', principals(block.principals));
  put('NotPrincipal', principals(block.not_principals));
  put('Condition', conditions(block.condition));
  return out;
}

/** The statements of a policy given as JSON text (source/override documents). */
function statementsOf(document: Value): Value {
  if (document instanceof Unknown) {
    const partial = document.partial;
    if (partial !== undefined && typeof partial !== 'string') {
      return statementsOf(partial);
    }
    return document;
  }
  let parsed: Value = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document) as Value;
    } catch {
      return new Unknown('a source policy document is not valid JSON');
    }
  }
  if (!isObject(parsed)) return [];
  return asList(parsed.Statement);
}

/**
 * The policy an `aws_iam_policy_document` data source renders, from its
 * evaluated arguments: `source_policy_documents` first, then its own
 * `statement` blocks (replacing source statements of the same Sid), then
 * `override_policy_documents` (replacing by Sid, else added).
 */
export function renderPolicyDocument(args: ValueObject): Value {
  const merged: Value[] = [];
  const addAll = (statements: Value, replace: boolean) => {
    if (statements instanceof Unknown) {
      merged.push(statements);
      return;
    }
    for (const item of asList(statements)) {
      const sid = isObject(item) ? item.Sid : undefined;
      const at =
        replace && typeof sid === 'string' && sid
          ? merged.findIndex(s => isObject(s) && s.Sid === sid)
          : -1;
      if (at >= 0) merged[at] = item;
      else merged.push(item);
    }
  };
  const sources = args.source_policy_documents;
  if (sources instanceof Unknown) return sources;
  for (const source of asList(sources)) addAll(statementsOf(source), false);

  const own = args.statement;
  if (own instanceof Unknown) merged.push(own);
  else addAll(asList(own).filter(isObject).map(statement), true);

  const overrides = args.override_policy_documents;
  if (overrides instanceof Unknown) return overrides;
  for (const override of asList(overrides)) {
    addAll(statementsOf(override), true);
  }

  const document: ValueObject = {
    Version: args.version ?? '2012-10-17',
    Statement: merged,
  };
  if (args.policy_id !== undefined && args.policy_id !== null) {
    document.Id = args.policy_id;
  }
  return document;
}

/** `.json` of the data source: the text when all is known, else an Unknown keeping the structure. */
export function policyDocumentJson(document: Value): Value {
  const unknown = findUnknown(document);
  if (!unknown) return JSON.stringify(document);
  return new Unknown(unknown.reason, { partial: document });
}
