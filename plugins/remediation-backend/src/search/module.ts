import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { RemediationCollatorFactory } from './RemediationCollatorFactory';

const SCHEDULE_KEY = 'search.collators.remediation.schedule';

/** Remediation records in Backstage search (indexed every 10 minutes unless configured). */
export const searchModuleRemediationCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'remediation-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, auth, discovery, scheduler, indexRegistry }) {
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(
            config.has(SCHEDULE_KEY)
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  config.getConfig(SCHEDULE_KEY),
                )
              : {
                  frequency: { minutes: 10 },
                  timeout: { minutes: 15 },
                  initialDelay: { seconds: 5 },
                },
          ),
          factory: new RemediationCollatorFactory({ auth, discovery }),
        });
      },
    });
  },
});
