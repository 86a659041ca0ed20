import { parseDockerfile } from '../dockerfile/parseDockerfile';
import { parseKubernetesManifests } from '../kubernetes/parseKubernetesManifests';
import { parseSecrets } from '../secrets/parseSecrets';
import { parseTerraformModule } from '../terraform/parseTerraformModule';
import { parseTerraformPlan } from '../terraform/parseTerraformPlan';
import { FileParsers } from './FileParsers';

/** The built-in parsers: HCL, plan JSON, manifests, Dockerfiles, secrets. */
export const defaultParsers: FileParsers = {
  terraformModule: parseTerraformModule,
  terraformPlan: parseTerraformPlan,
  kubernetes: parseKubernetesManifests,
  dockerfile: parseDockerfile,
  secrets: parseSecrets,
};
