import { PolicyResource } from '../resources/types';
import { ResourceInstance } from './normalise/ResourceInstance';
import { materialize } from './values/materialize';

/** A normalised instance as the PolicyResource rules judge. */
export function toPolicyResource(instance: ResourceInstance): PolicyResource {
  const { attributes, unknowns } = materialize(instance.values);
  return {
    kind: 'terraform',
    type: instance.type,
    name: instance.address,
    file: instance.file,
    line: instance.line,
    attributes,
    ...(unknowns.length > 0 && { unknowns }),
  };
}
