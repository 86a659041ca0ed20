import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  callGitlab,
  describeCall,
  findInGitlab,
} from '@agentic-devops/plugin-gitlab-node';
import { GitlabClient } from '@agentic-devops/plugin-gitlab-node';
import { canBeMasked, looksSecret } from './shouldMask';

/** The variable for all environments, the one a plain `KEY=value` means. */
const ALL_ENVIRONMENTS = { environment_scope: '*' };

/**
 * Creates or updates a project CI/CD variable. It is masked in job logs
 * when it looks like a credential and GitLab can mask it. New variables are
 * not protected: protected ones reach only protected branches, and the
 * fix's own pipeline runs on an unprotected one.
 */
export async function setProjectVariable(
  api: GitlabClient,
  project: string,
  name: string,
  value: string,
  logger?: LoggerService,
): Promise<'created' | 'updated'> {
  const secret = looksSecret(name, value);
  const masked = secret && canBeMasked(value);
  if (secret && !masked) {
    logger?.warn(
      `CI/CD variable ${name} of ${project} looks secret but GitLab cannot mask its value (under 8 characters or characters outside Base64 and @:.~); it is set unmasked`,
    );
  }
  const subject = `${project} ${name}`;
  const existing = await findInGitlab(
    describeCall('GET /projects/:id/variables/:key', subject),
    () =>
      api.ProjectVariables.show(project, name, { filter: ALL_ENVIRONMENTS }),
  );
  if (existing) {
    await callGitlab(
      describeCall('PUT /projects/:id/variables/:key', subject),
      () =>
        api.ProjectVariables.edit(project, name, value, {
          masked: masked || existing.masked,
          filter: ALL_ENVIRONMENTS,
        }),
    );
    logger?.info(`Updated CI/CD variable ${name} of ${project}`);
    return 'updated';
  }
  await callGitlab(describeCall('POST /projects/:id/variables', subject), () =>
    api.ProjectVariables.create(project, name, value, {
      masked,
      protected: false,
      environmentScope: '*',
    }),
  );
  logger?.info(`Created CI/CD variable ${name} of ${project}`);
  return 'created';
}
