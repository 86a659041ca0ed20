import { z } from 'zod';
import { FixStepType } from '../types';

/** Runs the failed job again: for failures that pass on a second try. */
export const retryJobStep: FixStepType<{}> = {
  type: 'retry-job',
  title: 'Retry the job',
  parameters: z.object({}),
  kind: 'action',
  describe: () => 'Retry the failed job',
  async apply({ workspace }) {
    await workspace.retryJob();
    return { changedFiles: [], summary: 'Retried the failed job' };
  },
};
