import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRemoteTaskRouter } from '@agentic-devops/plugin-agentic-node';
import {
  agenticPolicyReadPermission,
  agenticPolicyScanPermission,
  agenticPolicyWaiverApprovePermission,
  agenticPolicyWaiverRequestPermission,
} from '@agentic-devops/plugin-policy-common';
import {
  createPolicyScanner,
  MergeRequestSource,
  PolicySource,
  policyMergeRequestSourcesExtensionPoint,
  policySourcesExtensionPoint,
} from '@agentic-devops/plugin-policy-node';
import { ConflictError } from '@backstage/errors';
import { registerPolicyActions } from './actions/listPolicyFindingsAction';
import { KnexPolicyStore } from './database/KnexPolicyStore';
import { MergeRequestGate } from './mergeRequests/MergeRequestGate';
import {
  policyWaiverPermissionRules,
  waiverResourceRef,
} from './permissions/rules';
import { policyCheckStep } from './planner/policyCheck';
import { PolicyService } from './service/PolicyService';
import { createRouter } from './service/router';
import { readPolicySettings } from './settings';

/** Adds `item` unless one with its id is there already, which is a mistake in the backend's modules. */
function addOnce<T extends { id: string }>(list: T[], item: T, what: string) {
  if (list.some(existing => existing.id === item.id)) {
    throw new ConflictError(
      `A ${what} with id '${item.id}' is already registered`,
    );
  }
  list.push(item);
}

/**
 * The Policy agent: the rules of `policies/` (and modules' sources, such as
 * OPA) over Terraform, Kubernetes manifests, Dockerfiles and any file;
 * scans stored per entity, waivers approved by owners, compliance reports,
 * merge requests gated (modules add the places they come from), and the
 * `policy.check` task run for the Planner.
 */
export const policyPlugin = createBackendPlugin({
  pluginId: 'policy',
  register(env) {
    const sources: PolicySource[] = [];
    const mergeRequestSources: MergeRequestSource[] = [];
    env.registerExtensionPoint(policySourcesExtensionPoint, {
      addSource: source => addOnce(sources, source, 'policy source'),
    });
    env.registerExtensionPoint(policyMergeRequestSourcesExtensionPoint, {
      addMergeRequestSource: source =>
        addOnce(mergeRequestSources, source, 'merge request source'),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        // Wrong configuration or an invalid rule stops start-up here, naming it.
        const settings = readPolicySettings(config);
        const scanner = createPolicyScanner({
          policiesDirectory: settings.policiesDirectory,
          overrides: settings.overrides,
          sources,
        });
        const store = await KnexPolicyStore.create({
          database: deps.database,
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: waiverResourceRef,
          permissions: [agenticPolicyWaiverApprovePermission],
          rules: Object.values(policyWaiverPermissionRules),
          getResources: ids => store.getWaivers(ids),
        });
        deps.permissionsRegistry.addPermissions([
          agenticPolicyReadPermission,
          agenticPolicyScanPermission,
          agenticPolicyWaiverRequestPermission,
        ]);

        const policy = new PolicyService({
          ...deps,
          store,
          scanner,
          settings,
          ruleset:
            deps.permissionsRegistry.getPermissionRuleset(waiverResourceRef),
        });

        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, policy }),
        );
        // policy.check, run for the Planner's remote task handler.
        deps.httpRouter.use(
          createRemoteTaskRouter({
            httpAuth: deps.httpAuth,
            logger,
            steps: [policyCheckStep({ policy, settings, auth: deps.auth })],
          }),
        );
        registerPolicyActions({
          actionsRegistry: deps.actionsRegistry,
          policy,
        });

        await deps.scheduler.scheduleTask({
          id: 'policy-expire-waivers',
          frequency: { minutes: 30 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await policy.expireWaivers();
          },
        });

        for (const source of mergeRequestSources) {
          await source.subscribe(
            new MergeRequestGate({
              source,
              policy,
              catalog: deps.catalog,
              auth: deps.auth,
              settings,
              logger,
            }),
          );
        }
        logger.info(
          `Policy agent: ${scanner.rules.length} rules from ${
            settings.policiesDirectory
          }; sources: ${['cel', ...sources.map(s => s.id)].join(
            ', ',
          )}; merge requests from: ${
            mergeRequestSources.map(s => s.id).join(', ') || 'none'
          }; merge requests fail on ${settings.failOn}`,
        );
      },
    });
  },
});
