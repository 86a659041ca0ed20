export { parseKubernetesManifests } from './parseKubernetesManifests';
export { WORKLOAD_KINDS } from './workloads';
export type {
  NormalizedContainer,
  NormalizedImage,
  NormalizedPod,
  NormalizedVolume,
} from './normalizePod';
