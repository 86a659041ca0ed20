import {
  TaskHandler,
  WorkflowDefinition,
} from '@agentic-devops/plugin-agentic-node';
import { z } from 'zod';

/** Does nothing (after an optional delay): for checking the Planner end to end and for benchmarks. */
export const noopTaskHandler: TaskHandler<{ delayMs?: number }> = {
  type: 'core.noop',
  title: 'No-op',
  description:
    'Completes at once, or after delayMs; for diagnostics and benchmarks.',
  parameters: z.object({
    delayMs: z.number().int().min(0).max(60_000).optional(),
  }),
  maxAttempts: 1,
  async run({ params, signal }) {
    if (params.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, params.delayMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      });
    }
    return { done: true };
  },
};

const noopParameters = z.object({
  tasks: z.number().int().min(1).max(2000).default(1),
  shape: z.enum(['parallel', 'chain']).default('parallel'),
  delayMs: z.number().int().min(0).max(60_000).optional(),
});

/** `tasks` no-op tasks, all at once or one after another. */
export const noopWorkflowDefinition: WorkflowDefinition<
  z.infer<typeof noopParameters>
> = {
  name: 'core.noop',
  title: 'No-op workflow',
  description:
    'A graph of no-op tasks (parallel or a chain); for diagnostics and benchmarks.',
  parameters: noopParameters,
  plan: ({ tasks, shape, delayMs }) =>
    Array.from({ length: tasks }, (_, i) => ({
      key: `noop-${i + 1}`,
      type: 'core.noop',
      params: delayMs === undefined ? {} : { delayMs },
      dependsOn: shape === 'chain' && i > 0 ? [`noop-${i}`] : [],
    })),
};
