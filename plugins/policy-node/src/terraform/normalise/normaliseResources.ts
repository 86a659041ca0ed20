import { normaliseIamPolicies } from './iamPolicies';
import { normaliseInstances } from './instances';
import { normaliseIngress } from './securityGroups';
import { normaliseRds } from './rds';
import { ResourceInstance } from './ResourceInstance';
import { Resources } from './Resources';
import { linkBucketCompanions } from './s3Buckets';
import { normaliseTags } from './tags';
import { normaliseVolumes } from './volumes';

/**
 * Adds to each resource the normalised attributes rules read (see
 * ../README.md), the same whether the resources came from HCL or a plan.
 */
export function normaliseResources(instances: ResourceInstance[]): void {
  const resources = new Resources(instances);
  linkBucketCompanions(resources);
  for (const instance of instances) {
    normaliseIngress(instance);
    normaliseRds(instance);
    normaliseVolumes(instance, resources);
    normaliseInstances(instance, resources);
    normaliseIamPolicies(instance);
    normaliseTags(instance);
  }
}
