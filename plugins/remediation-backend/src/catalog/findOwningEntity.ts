import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  findEntityOfGitlabProject,
  ownerOf,
  resolveEntity,
} from '@agentic-devops/plugin-agentic-node';
import { FailedJob } from '@agentic-devops/plugin-remediation-node';

/**
 * The entity a failed job belongs to: the one named by the caller, else
 * (GitLab) the entity annotated with the job's project slug. A failure
 * nobody owns is still remediated; it just has nobody to notify.
 */
export async function findOwningEntity(
  deps: { catalog: CatalogService; auth: AuthService },
  job: FailedJob,
  entityRef?: string,
): Promise<{ ref?: string; owner?: string }> {
  if (entityRef) return resolveEntity(deps, entityRef);
  if (job.source !== 'gitlab') return {};
  const entity = await findEntityOfGitlabProject(deps, job.project);
  if (!entity) return {};
  return { ref: stringifyEntityRef(entity), owner: ownerOf(entity) };
}
