import { createBackend } from '@backstage/backend-defaults';
import appBackend from '@backstage/plugin-app-backend';
import proxyBackend from '@backstage/plugin-proxy-backend';
import authBackend from '@backstage/plugin-auth-backend';
import authBackendModuleGuestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import authBackendModuleGitlabProvider from '@backstage/plugin-auth-backend-module-gitlab-provider';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogBackendModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogBackendModuleLogs from '@backstage/plugin-catalog-backend-module-logs';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderBackendModuleGitlab from '@backstage/plugin-scaffolder-backend-module-gitlab';
import scaffolderBackendModuleNotifications from '@backstage/plugin-scaffolder-backend-module-notifications';
import techdocsBackend from '@backstage/plugin-techdocs-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import permissionBackendModuleAllowAllPolicy from '@backstage/plugin-permission-backend-module-allow-all-policy';
import searchBackend from '@backstage/plugin-search-backend';
import searchBackendModulePg from '@backstage/plugin-search-backend-module-pg';
import searchBackendModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import searchBackendModuleTechdocs from '@backstage/plugin-search-backend-module-techdocs';
import userSettingsBackend from '@backstage/plugin-user-settings-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import signalsBackend from '@backstage/plugin-signals-backend';
import eventsBackend from '@backstage/plugin-events-backend';
import eventsBackendModuleGitlab from '@backstage/plugin-events-backend-module-gitlab';
import mcpActionsBackend from '@backstage/plugin-mcp-actions-backend';
import notificationsBackendModuleSlack from '@backstage/plugin-notifications-backend-module-slack';
import plannerBackend from '@agentic-devops/plugin-planner-backend';
import remediationBackend, {
  plannerModuleRemediation,
  searchModuleRemediationCollator,
} from '@agentic-devops/plugin-remediation-backend';
import policyBackend, {
  plannerModulePolicy,
} from '@agentic-devops/plugin-policy-backend';
import policyBackendModuleGitlab from '@agentic-devops/plugin-policy-backend-module-gitlab';
import policyBackendModuleOpa from '@agentic-devops/plugin-policy-backend-module-opa';
import scaffolderBackendModuleAgentic, {
  localRepositoryUrlReaderFactory,
  plannerModuleScaffolding,
} from '@agentic-devops/plugin-scaffolder-backend-module-agentic';
import scaffolderBackendModulePolicy from '@agentic-devops/plugin-scaffolder-backend-module-policy';
import remediationBackendModuleGitlab from '@agentic-devops/plugin-remediation-backend-module-gitlab';
import remediationBackendModuleLocal from '@agentic-devops/plugin-remediation-backend-module-local';
import {
  validatedRootConfigServiceFactory,
  ValidatedRootConfigOptions,
} from '@agentic-devops/deployment-config';

/**
 * The portal's backend: every plugin and module it runs. `index.ts` starts
 * it; the integration tests start the very same backend on a random port.
 */
export function createAgenticBackend(options: ValidatedRootConfigOptions = {}) {
  const backend = createBackend();

  backend.add(validatedRootConfigServiceFactory(options));

  backend.add(appBackend);
  backend.add(proxyBackend);

  // Sign-in: guest in development, GitLab OAuth in production.
  backend.add(authBackend);
  backend.add(authBackendModuleGuestProvider);
  backend.add(authBackendModuleGitlabProvider);

  backend.add(catalogBackend);
  backend.add(catalogBackendModuleScaffolderEntityModel);
  backend.add(catalogBackendModuleLogs);

  backend.add(scaffolderBackend);
  backend.add(scaffolderBackendModuleGitlab);
  backend.add(scaffolderBackendModuleNotifications);

  backend.add(techdocsBackend);

  // Allow-all by default; replace this module with your own policy module.
  backend.add(permissionBackend);
  backend.add(permissionBackendModuleAllowAllPolicy);

  // Search: Lunr in memory, unless the database is PostgreSQL, in which case
  // the pg module registers itself as the engine (it skips itself otherwise).
  backend.add(searchBackend);
  backend.add(searchBackendModulePg);
  backend.add(searchBackendModuleCatalog);
  backend.add(searchBackendModuleTechdocs);

  backend.add(userSettingsBackend);
  backend.add(notificationsBackend);
  // Delivers notifications to Slack too, when notifications.processors.slack is configured.
  backend.add(notificationsBackendModuleSlack);
  backend.add(signalsBackend);
  backend.add(eventsBackend);
  backend.add(eventsBackendModuleGitlab);

  // The agents. The Planner runs every agent's work as durable workflows.
  backend.add(plannerBackend);

  // Remediation: failed pipelines from GitLab webhooks or the local runner
  // (gitlab-ci-local), diagnosed by the playbooks in playbooks/, fixed on
  // branches. Its steps run as Planner workflows; its records are searchable.
  backend.add(remediationBackend);
  backend.add(plannerModuleRemediation);
  backend.add(searchModuleRemediationCollator);
  backend.add(remediationBackendModuleLocal);
  // Registers itself only when integrations.gitlab has a token.
  backend.add(remediationBackendModuleGitlab);

  // Policy: the rules in policies/ (CEL) over Terraform, Kubernetes and
  // Dockerfiles; merge requests gated (GitLab, when configured), templates
  // checked (agentic:policy:check), a policy.check task for any workflow,
  // and an OPA server as another source when policy.opa.baseUrl is set.
  backend.add(policyBackend);
  backend.add(plannerModulePolicy);
  backend.add(policyBackendModuleGitlab);
  backend.add(policyBackendModuleOpa);
  backend.add(scaffolderBackendModulePolicy);

  // Scaffolding: templates/ (microservice: Python, Node.js or Go) with the
  // agentic actions (validate, workflow, publish:local), the scaffold.service
  // workflow, and a URL reader that lets the catalog read the repositories
  // agentic:publish:local creates under the portal's data folder.
  backend.add(scaffolderBackendModuleAgentic);
  backend.add(plannerModuleScaffolding);
  backend.add(localRepositoryUrlReaderFactory);

  // Offers the actions registered by plugins (backend.actions.pluginSources)
  // to AI clients over MCP.
  backend.add(mcpActionsBackend);

  return backend;
}
