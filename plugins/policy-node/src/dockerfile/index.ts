export { parseDockerfile } from './parseDockerfile';
export type { DockerfileStage } from './parseDockerfile';
export { parseImageReference } from './imageReference';
export type { ImageReference } from './imageReference';
