import { parseImageReference } from '../dockerfile/imageReference';
import {
  asArray,
  asBoolean,
  asInteger,
  asObject,
  asObjects,
  asString,
  asStringMap,
  JsonObject,
} from './values';

/*
 * The normalised shape of a workload, what the Kubernetes rules read as
 * `resource.attributes`. Every field is present; a field the manifest does
 * not set is null (Kubernetes' default then applies), so a rule needs no
 * has() chains:
 *
 *   metadata:   { name, namespace, labels: {}, annotations: {} }
 *   pod:        { hostNetwork, hostPID, hostIPC, serviceAccountName,
 *                 automountServiceAccountToken,
 *                 securityContext: { runAsNonRoot, runAsUser, runAsGroup, fsGroup },
 *                 volumes: [{ name, type, hostPath: { path, type } | null }] }
 *   containers: [{ name, image, init, ephemeral, line,
 *                  securityContext: { privileged, allowPrivilegeEscalation,
 *                    runAsNonRoot, runAsUser, runAsGroup, readOnlyRootFilesystem,
 *                    capabilities: { add: [], drop: [] } },
 *                  resources: { limits: { cpu, memory, … }, requests: { cpu, memory, … } } }]
 *   images:     [{ container, image, registry, repository, tag, digest, line }]
 *
 * containers holds the regular, init (`init: true`) and ephemeral
 * (`ephemeral: true`) containers, in that order. A container's
 * runAsNonRoot / runAsUser / runAsGroup are its effective values: its own,
 * else the pod's, as the kubelet resolves them. Capabilities are upper-case
 * without the `CAP_` prefix. images has one entry per container that names
 * an image; an image written as a placeholder (`${IMAGE}`, `{{ .image }}`)
 * is not parsed but reported as unknown at `images.<index>`.
 */

export interface NormalizedContainer {
  name: string;
  image: string | null;
  init: boolean;
  ephemeral: boolean;
  /** 1-based line of the container's entry in the manifest. */
  line: number;
  securityContext: {
    privileged: boolean | null;
    allowPrivilegeEscalation: boolean | null;
    runAsNonRoot: boolean | null;
    runAsUser: number | null;
    runAsGroup: number | null;
    readOnlyRootFilesystem: boolean | null;
    capabilities: { add: string[]; drop: string[] };
  };
  resources: {
    limits: Record<string, string | null>;
    requests: Record<string, string | null>;
  };
}

export interface NormalizedImage {
  container: string;
  image: string;
  registry: string | null;
  repository: string | null;
  tag: string | null;
  digest: string | null;
  line: number;
}

export interface NormalizedVolume {
  name: string;
  /** The volume source's key: `hostPath`, `emptyDir`, `configMap`, … */
  type: string | null;
  hostPath: { path: string | null; type: string | null } | null;
}

export interface NormalizedPod {
  pod: {
    hostNetwork: boolean | null;
    hostPID: boolean | null;
    hostIPC: boolean | null;
    serviceAccountName: string | null;
    automountServiceAccountToken: boolean | null;
    securityContext: {
      runAsNonRoot: boolean | null;
      runAsUser: number | null;
      runAsGroup: number | null;
      fsGroup: number | null;
    };
    volumes: NormalizedVolume[];
  };
  containers: NormalizedContainer[];
  images: NormalizedImage[];
  /** Paths in the attributes whose values are not known (placeholder images). */
  unknowns: Array<{ path: string; reason: string }>;
}

/** 1-based line of the node at a path inside the pod spec, if known. */
export type LineOf = (path: Array<string | number>) => number | undefined;

const CONTAINER_LISTS = [
  { key: 'containers', init: false, ephemeral: false },
  { key: 'initContainers', init: true, ephemeral: false },
  { key: 'ephemeralContainers', init: false, ephemeral: true },
] as const;

/** `${IMAGE}`, `$IMAGE`, `{{ .Values.image }}`: filled in at deploy time. */
const PLACEHOLDER = /\$\{?[A-Za-z_]|\{\{/;

export function normalizePod(
  podSpec: JsonObject,
  lineOf: LineOf,
  fallbackLine: number,
): NormalizedPod {
  const podSecurity = asObject(podSpec.securityContext) ?? {};
  const pod: NormalizedPod['pod'] = {
    hostNetwork: asBoolean(podSpec.hostNetwork),
    hostPID: asBoolean(podSpec.hostPID),
    hostIPC: asBoolean(podSpec.hostIPC),
    serviceAccountName:
      asString(podSpec.serviceAccountName) ?? asString(podSpec.serviceAccount),
    automountServiceAccountToken: asBoolean(
      podSpec.automountServiceAccountToken,
    ),
    securityContext: {
      runAsNonRoot: asBoolean(podSecurity.runAsNonRoot),
      runAsUser: asInteger(podSecurity.runAsUser),
      runAsGroup: asInteger(podSecurity.runAsGroup),
      fsGroup: asInteger(podSecurity.fsGroup),
    },
    volumes: asObjects(podSpec.volumes).map(normalizeVolume),
  };

  const containers = CONTAINER_LISTS.flatMap(list =>
    asArray(podSpec[list.key]).flatMap((entry, index) => {
      const container = asObject(entry);
      if (!container) return [];
      return [
        normalizeContainer(container, {
          init: list.init,
          ephemeral: list.ephemeral,
          line: lineOf([list.key, index]) ?? fallbackLine,
          pod: pod.securityContext,
        }),
      ];
    }),
  );

  const images: NormalizedImage[] = [];
  const unknowns: NormalizedPod['unknowns'] = [];
  for (const container of containers) {
    if (container.image === null) continue;
    const placeholder = PLACEHOLDER.test(container.image);
    const reference = placeholder ? null : parseImageReference(container.image);
    if (placeholder) {
      unknowns.push({
        path: `images.${images.length}`,
        reason: `the image of container ${container.name} is a placeholder (${container.image}) filled in at deploy time`,
      });
    }
    images.push({
      container: container.name,
      image: container.image,
      registry: reference?.registry ?? null,
      repository: reference?.repository ?? null,
      tag: reference?.tag ?? null,
      digest: reference?.digest ?? null,
      line: container.line,
    });
  }

  return { pod, containers, images, unknowns };
}

function normalizeVolume(volume: JsonObject): NormalizedVolume {
  const hostPath = asObject(volume.hostPath);
  return {
    name: asString(volume.name) ?? '',
    type: Object.keys(volume).find(key => key !== 'name') ?? null,
    hostPath: hostPath
      ? { path: asString(hostPath.path), type: asString(hostPath.type) }
      : null,
  };
}

function normalizeContainer(
  container: JsonObject,
  options: {
    init: boolean;
    ephemeral: boolean;
    line: number;
    pod: NormalizedPod['pod']['securityContext'];
  },
): NormalizedContainer {
  const security = asObject(container.securityContext) ?? {};
  const capabilities = asObject(security.capabilities) ?? {};
  const resources = asObject(container.resources) ?? {};
  return {
    name: asString(container.name) ?? '',
    image: asString(container.image),
    init: options.init,
    ephemeral: options.ephemeral,
    line: options.line,
    securityContext: {
      privileged: asBoolean(security.privileged),
      allowPrivilegeEscalation: asBoolean(security.allowPrivilegeEscalation),
      runAsNonRoot:
        asBoolean(security.runAsNonRoot) ?? options.pod.runAsNonRoot,
      runAsUser: asInteger(security.runAsUser) ?? options.pod.runAsUser,
      runAsGroup: asInteger(security.runAsGroup) ?? options.pod.runAsGroup,
      readOnlyRootFilesystem: asBoolean(security.readOnlyRootFilesystem),
      capabilities: {
        add: capabilityNames(capabilities.add),
        drop: capabilityNames(capabilities.drop),
      },
    },
    resources: {
      limits: quantities(resources.limits),
      requests: quantities(resources.requests),
    },
  };
}

function capabilityNames(value: unknown): string[] {
  return asArray(value).flatMap(entry => {
    const name = asString(entry);
    return name === null ? [] : [name.toUpperCase().replace(/^CAP_/, '')];
  });
}

/** cpu and memory always present (null when unset), then whatever else is set. */
function quantities(value: unknown): Record<string, string | null> {
  return { cpu: null, memory: null, ...asStringMap(value) };
}
