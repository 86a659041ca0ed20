import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  createGitlabTokenValidator,
  GitlabEventRouter,
} from '@backstage/plugin-events-backend-module-gitlab';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';

/**
 * What `@backstage/plugin-events-backend-module-gitlab` adds to the events
 * backend (the `/api/events/http/gitlab` ingress, token checked, and the
 * router to `gitlab.<object_kind>` topics), built from its public exports:
 * its default export loads its modules with a dynamic import, which jest
 * cannot run.
 */
export const eventsModuleGitlabWebhook = createBackendModule({
  pluginId: 'events',
  moduleId: 'gitlab-for-tests',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        events: eventsServiceRef,
        ingress: eventsExtensionPoint,
      },
      async init({ config, events, ingress }) {
        ingress.addHttpPostIngress({
          topic: 'gitlab',
          validator: createGitlabTokenValidator(config),
        });
        await new GitlabEventRouter({ events }).subscribe();
      },
    });
  },
});
