import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  plannerExtensionPoint,
  reasoningServiceRef,
} from '@agentic-devops/plugin-agentic-node';
import {
  agenticWorkflowCancelPermission,
  agenticWorkflowCreatePermission,
  agenticWorkflowReadPermission,
  agenticWorkflowRetryPermission,
} from '@agentic-devops/plugin-agentic-common';
import { parseEntityRef } from '@backstage/catalog-model';
import { registerPlannerActions } from './actions';
import { registerBuiltins } from './builtin';
import { KnexWorkflowStore } from './database/KnexWorkflowStore';
import { readWorkerSettings } from './engine/settings';
import { TaskRegistry } from './engine/TaskRegistry';
import { TaskWorker } from './engine/TaskWorker';
import { WorkflowPlanner } from './engine/WorkflowPlanner';
import { WorkflowNotifier } from './notify/WorkflowNotifier';
import {
  workflowPermissionRules,
  workflowResourceRef,
} from './permissions/rules';
import { PlannerService } from './service/PlannerService';
import { createRouter } from './service/router';

/** Where the portal shows a workflow: its entity's Agents tab, or the /agentic page. */
function workflowLink(workflow: { id: string; entityRef?: string }) {
  if (!workflow.entityRef) return `/agentic/workflows/${workflow.id}`;
  const { kind, namespace, name } = parseEntityRef(workflow.entityRef);
  return `/catalog/${namespace}/${kind}/${name}/agents`;
}

/**
 * The Planner: turns requests into task graphs and runs them durably in the
 * plugin's database. Modules add task handlers and workflow definitions
 * through `plannerExtensionPoint`.
 */
export const plannerPlugin = createBackendPlugin({
  pluginId: 'planner',
  register(env) {
    const registry = new TaskRegistry();
    env.registerExtensionPoint(plannerExtensionPoint, {
      addTaskHandler: (...handlers) =>
        handlers.forEach(h => registry.addTaskHandler(h)),
      addWorkflowDefinition: (...definitions) =>
        definitions.forEach(d => registry.addWorkflowDefinition(d)),
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
        reasoning: reasoningServiceRef,
      },
      async init(deps) {
        const {
          config,
          logger,
          database,
          scheduler,
          lifecycle,
          auth,
          catalog,
        } = deps;
        registerBuiltins(registry, { catalog, auth });
        const settings = readWorkerSettings(config);
        const store = await KnexWorkflowStore.create({ database });

        deps.permissionsRegistry.addResourceType({
          resourceRef: workflowResourceRef,
          permissions: [
            agenticWorkflowReadPermission,
            agenticWorkflowCancelPermission,
            agenticWorkflowRetryPermission,
          ],
          rules: Object.values(workflowPermissionRules),
          getResources: ids => store.getWorkflows(ids),
        });
        deps.permissionsRegistry.addPermissions([
          agenticWorkflowCreatePermission,
        ]);

        const notifier = new WorkflowNotifier({
          signals: deps.signals,
          notifications: deps.notifications,
          logger,
          getWorkflow: id => store.getWorkflow(id),
          linkTo: workflowLink,
          notifiesOnFinish: workflow =>
            registry.definition(workflow.definition)?.notifyOnFinish !== false,
        });
        const worker = settings.enabled
          ? new TaskWorker({
              store,
              registry,
              logger,
              listener: notifier,
              settings,
            })
          : undefined;
        const planner = new PlannerService({
          store,
          planner: new WorkflowPlanner(registry, deps.reasoning),
          registry,
          worker,
          notifier,
          auth,
          permissions: deps.permissions,
          ruleset:
            deps.permissionsRegistry.getPermissionRuleset(workflowResourceRef),
          catalog,
          auditor: deps.auditor,
        });

        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, planner }),
        );
        registerPlannerActions({
          actionsRegistry: deps.actionsRegistry,
          planner,
        });

        if (worker) {
          await worker.start(scheduler);
          lifecycle.addShutdownHook(() => worker.stop());
          logger.info(
            `Planner worker ${worker.id} runs up to ${
              settings.concurrency
            } tasks at once (lease ${settings.leaseMs / 1000}s)`,
          );
        }
      },
    });
  },
});
