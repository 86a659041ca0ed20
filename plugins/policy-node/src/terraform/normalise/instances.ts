import { Unknown, Value, ValueObject } from '../values/Unknown';
import {
  referencedAddress,
  refersTo,
  ResourceInstance,
  setting,
  valueAt,
} from './ResourceInstance';
import { Resources } from './Resources';

const WITH_METADATA = [
  'aws_instance',
  'aws_launch_template',
  'aws_launch_configuration',
  'aws_spot_instance_request',
];

/** The launch template an instance launches from, when it is in the module. */
function launchTemplateOf(
  instance: ResourceInstance,
  resources: Resources,
): ResourceInstance | Unknown | undefined {
  const spec = valueAt(instance.values, ['launch_template', 0]);
  if (spec === undefined) return undefined;
  for (const key of ['id', 'name']) {
    const target = valueAt(spec, [key]);
    if (target === undefined) continue;
    const reference =
      target instanceof Unknown ? referencedAddress(target) : undefined;
    const found = resources
      .ofType('aws_launch_template')
      .find(t =>
        reference ? refersTo(reference, t) : target === t.values.name,
      );
    if (found) return found;
  }
  return new Unknown(
    `${instance.address} takes its settings from a launch template that is not in this module`,
  );
}

/** `imds`: `{ http_endpoint, http_tokens }` as they take effect. */
function imds(
  instance: ResourceInstance,
  resources: Resources,
  seen = new Set<ResourceInstance>(),
): ValueObject {
  const accountDefaults = resources.ofType(
    'aws_ec2_instance_metadata_defaults',
  )[0];
  const defaultTokens = accountDefaults
    ? setting(accountDefaults, ['http_tokens'], 'optional')
    : 'optional';
  const options = valueAt(instance.values, ['metadata_options']);
  const configured = Array.isArray(options) && options.length > 0;
  if (
    !configured &&
    !(options instanceof Unknown && instance.configured(['metadata_options']))
  ) {
    const template = launchTemplateOf(instance, resources);
    if (template instanceof Unknown) {
      return { http_endpoint: template, http_tokens: template };
    }
    if (template && !seen.has(template)) {
      seen.add(instance);
      return { ...imds(template, resources, seen), source: template.address };
    }
  }
  const tokens = setting(
    instance,
    ['metadata_options', 0, 'http_tokens'],
    defaultTokens,
  );
  return {
    http_endpoint: setting(
      instance,
      ['metadata_options', 0, 'http_endpoint'],
      'enabled',
    ),
    http_tokens: tokens === 'no-preference' ? defaultTokens : tokens,
    source: configured ? 'metadata_options' : null,
  };
}

/** `t3.micro` → family `t3`, size `micro`. */
function instanceType(type: Value): Value {
  if (typeof type !== 'string') return type;
  const at = type.indexOf('.');
  return {
    type,
    family: at < 0 ? type : type.slice(0, at),
    size: at < 0 ? '' : type.slice(at + 1),
  };
}

/**
 * `instance_types`: every instance type the resource launches, split in
 * family and size. A type read from elsewhere stays unknown: it could be
 * any type.
 */
function instanceTypes(instance: ResourceInstance): Value {
  const types =
    instance.type === 'aws_eks_node_group'
      ? setting(instance, ['instance_types'], ['t3.medium'])
      : setting(instance, ['instance_type'], []);
  if (types instanceof Unknown) return types;
  return (Array.isArray(types) ? types : [types]).map(instanceType);
}

/**
 * `imds` of instances, launch templates and launch configurations (the
 * instance's launch template's when it has no metadata_options of its
 * own); `instance_types` of those and of EKS node groups.
 */
export function normaliseInstances(
  instance: ResourceInstance,
  resources: Resources,
): void {
  if (WITH_METADATA.includes(instance.type)) {
    instance.values.imds = imds(instance, resources);
  }
  if (
    WITH_METADATA.includes(instance.type) ||
    instance.type === 'aws_eks_node_group'
  ) {
    instance.values.instance_types = instanceTypes(instance);
  }
}
