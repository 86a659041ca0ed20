import { asObject, JsonObject } from './values';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The kinds the Kubernetes rules judge (a rule's `resources.types`). */
export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

/**
 * API groups whose kinds are the built-in workloads; a `Job` of another
 * group (a CRD) is some other thing with some other spec.
 */
const WORKLOAD_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);

function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The path of the object's pod spec, or null when it is not a workload. */
export function podSpecPath(apiVersion: string, kind: string): string[] | null {
  if (!WORKLOAD_GROUPS.has(apiGroup(apiVersion))) return null;
  return POD_SPEC_PATHS[kind] ?? null;
}

export function valueAt(object: JsonObject, path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) current = asObject(current)?.[key];
  return current;
}
