import { NonRetryableTaskError } from '@agentic-devops/plugin-agentic-node';
import { z } from 'zod';
import {
  RemediationStore,
  StoredRemediation,
} from '../database/RemediationStore';

/** Every remediation task works on one record. */
export const remediationTaskParams = z.object({
  remediationId: z.string().min(1),
});
export type RemediationTaskParams = z.infer<typeof remediationTaskParams>;

export async function loadRemediation(
  store: RemediationStore,
  id: string,
): Promise<StoredRemediation> {
  const remediation = await store.get(id);
  if (!remediation) {
    throw new NonRetryableTaskError(`No remediation with id ${id}`);
  }
  return remediation;
}
