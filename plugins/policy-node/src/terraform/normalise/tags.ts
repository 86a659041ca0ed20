import { isObject, Unknown, Value, ValueObject } from '../values/Unknown';
import { blocksAt, ResourceInstance } from './ResourceInstance';

function merged(defaults: Value | undefined, tags: Value | undefined): Value {
  const base = defaults ?? {};
  const own = tags ?? {};
  if (base instanceof Unknown) return base;
  if (own instanceof Unknown) return own;
  return {
    ...(isObject(base) ? base : {}),
    ...(isObject(own) ? own : {}),
  };
}

/** Keys with a value (unknown values count: the key is there), lower case. */
function keysOf(tags: Value): Value {
  if (tags instanceof Unknown) return tags;
  if (!isObject(tags)) return [];
  return Object.keys(tags)
    .filter(key => tags[key] !== '' && tags[key] !== null)
    .map(key => key.toLowerCase())
    .sort();
}

/** An autoscaling group tags with `tag { key, value }` blocks, no default_tags. */
function autoscalingTags(instance: ResourceInstance): Value {
  const result: ValueObject = {};
  for (const name of ['tag', 'tags']) {
    const blocks = blocksAt(instance, name);
    if (blocks instanceof Unknown) return blocks;
    for (const block of blocks) {
      if (block instanceof Unknown) return block;
      if (!isObject(block)) continue;
      if (block.key instanceof Unknown) return block.key;
      if (typeof block.key === 'string') result[block.key] = block.value ?? '';
    }
  }
  return result;
}

/**
 * `tags_all` (the resource's tags over its provider's default_tags, as
 * Terraform computes it) and `tag_keys` (its keys with a non-empty value,
 * lower-cased and sorted) of every resource.
 */
export function normaliseTags(instance: ResourceInstance): void {
  const { values } = instance;
  let all: Value;
  if (instance.type === 'aws_autoscaling_group') {
    all = autoscalingTags(instance);
  } else if (instance.defaultTags !== undefined) {
    all = merged(instance.defaultTags, values.tags);
  } else {
    const planned = values.tags_all;
    all =
      planned === undefined || planned === null
        ? merged(undefined, values.tags)
        : planned;
  }
  values.tags_all = all;
  values.tag_keys = keysOf(all);
}
