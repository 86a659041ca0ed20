import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  createRemoteTaskRouter,
  reasoningServiceRef,
  workflowServiceRef,
} from '@agentic-devops/plugin-agentic-node';
import {
  agenticRemediationApprovePermission,
  agenticRemediationCreatePermission,
  agenticRemediationReadPermission,
} from '@agentic-devops/plugin-remediation-common';
import {
  builtinFixSteps,
  FixStepType,
  fixStepMap,
  loadPlaybooks,
  LogAnalyzer,
  remediationFixStepsExtensionPoint,
  remediationSourcesExtensionPoint,
} from '@agentic-devops/plugin-remediation-node';
import { registerRemediationActions } from './actions';
import { KnexRemediationStore } from './database/KnexRemediationStore';
import { RemediationNotifier } from './notify/RemediationNotifier';
import {
  remediationPermissionRules,
  remediationResourceRef,
} from './permissions/rules';
import { RemediationService } from './service/RemediationService';
import { createRouter } from './service/router';
import { readRemediationSettings } from './settings';
import { SourceRegistry } from './SourceRegistry';
import { createRemediationSteps } from './steps';

/**
 * The Remediation agent: failed pipelines in (GitLab webhooks, local runs),
 * diagnosis by the playbooks in `playbooks/` (and the reasoning service),
 * fixes through branches and merge requests, on the Planner's workflows.
 * Modules add sources (GitLab, local) and fix step types.
 */
export const remediationPlugin = createBackendPlugin({
  pluginId: 'remediation',
  register(env) {
    const sources = new SourceRegistry();
    const extraSteps: FixStepType[] = [];
    env.registerExtensionPoint(remediationSourcesExtensionPoint, {
      addSource: source => sources.add(source),
    });
    env.registerExtensionPoint(remediationFixStepsExtensionPoint, {
      addFixStepType: (...steps) => extraSteps.push(...steps),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        reasoning: reasoningServiceRef,
        workflows: workflowServiceRef,
      },
      async init(deps) {
        const { config, logger } = deps;
        const settings = readRemediationSettings(config);
        const stepTypes = fixStepMap([...builtinFixSteps, ...extraSteps]);
        // An invalid playbook stops start-up here, naming the file.
        const library = loadPlaybooks(settings.playbooksDirectory, {
          knownStepTypes: new Set(stepTypes.keys()),
        });
        const analyzer = new LogAnalyzer({
          library,
          stepTypes,
          reasoning: deps.reasoning,
          scan: { tailBytes: settings.tailBytes },
        });
        const store = await KnexRemediationStore.create({
          database: deps.database,
          maxAttempts: settings.maxAttempts,
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: remediationResourceRef,
          permissions: [
            agenticRemediationReadPermission,
            agenticRemediationApprovePermission,
          ],
          rules: Object.values(remediationPermissionRules),
          getResources: ids => store.getMany(ids),
        });
        deps.permissionsRegistry.addPermissions([
          agenticRemediationCreatePermission,
        ]);

        const notifier = new RemediationNotifier({
          signals: deps.signals,
          notifications: deps.notifications,
          logger,
        });
        const remediation = new RemediationService({
          ...deps,
          store,
          sources,
          analyzer,
          settings,
          notifier,
          ruleset: deps.permissionsRegistry.getPermissionRuleset(
            remediationResourceRef,
          ),
        });

        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, remediation }),
        );
        // The workflow steps, run by the Planner's remote task handlers.
        deps.httpRouter.use(
          createRemoteTaskRouter({
            httpAuth: deps.httpAuth,
            logger,
            steps: createRemediationSteps({
              store,
              sources,
              analyzer,
              stepTypes,
              settings,
              notifier,
              logger,
            }),
          }),
        );
        registerRemediationActions({
          actionsRegistry: deps.actionsRegistry,
          remediation,
        });

        for (const source of sources.all()) {
          await source.subscribe?.({
            receive: job => remediation.receive(job),
          });
        }
        logger.info(
          `Remediation agent: ${library.playbooks.length} playbooks, ${
            library.classifiers.length
          } classifiers from ${settings.playbooksDirectory}; sources: ${
            sources
              .all()
              .map(s => s.id)
              .join(', ') || 'none'
          }; reasoning: ${deps.reasoning.engine}`,
        );
      },
    });
  },
});
