import { z } from 'zod';
import { FixNotApplicableError, FixStepType } from '../types';
import { CI_FILE, readCiFile, targetJobs, writeCiFile } from './gitlabCi';

const params = z.object({
  /** node: the V8 heap (NODE_OPTIONS); container: the job's memory limit (Kubernetes executor). */
  target: z.enum(['node', 'container']),
  job: z.string().optional(),
  factor: z.number().min(1.1).max(4).default(2),
});
type Params = z.infer<typeof params>;

const NODE_DEFAULT_MB = 2048;
const NODE_CAP_MB = 8192;
const CONTAINER_DEFAULT_MI = 2048;
const CONTAINER_CAP_MI = 16384;

function toMi(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(Mi|M|Gi|G)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2]?.startsWith('G') ? n * 1024 : n;
}

/** Doubles (by default) the memory a job may use, within a cap. */
export const raiseMemoryLimitStep: FixStepType<Params> = {
  type: 'raise-memory-limit',
  title: 'Raise a memory limit',
  parameters: params,
  kind: 'change',
  describe: p =>
    p.target === 'node'
      ? `Raise the Node.js heap (--max-old-space-size) ×${p.factor} in ${CI_FILE}`
      : `Raise the job's memory limit (KUBERNETES_MEMORY_LIMIT) ×${p.factor} in ${CI_FILE}`,
  async apply({ params: p, workspace }) {
    const doc = await readCiFile(workspace);
    const changed: string[] = [];
    for (const job of targetJobs(doc, p.job)) {
      if (p.target === 'node') {
        const options = String(
          doc.getIn([job, 'variables', 'NODE_OPTIONS']) ??
            doc.getIn(['variables', 'NODE_OPTIONS']) ??
            '',
        );
        // Node takes `--max-old-space-size` and `--max_old_space_size`.
        const heap = /--max[-_]old[-_]space[-_]size=(\d+)/g;
        const sizes = [...options.matchAll(heap)].map(m => Number(m[1]));
        const current = sizes.at(-1) ?? NODE_DEFAULT_MB;
        const raised = Math.min(NODE_CAP_MB, Math.ceil(current * p.factor));
        if (raised <= current) continue;
        const rest = options.replace(heap, '').replace(/\s+/g, ' ').trim();
        doc.setIn(
          [job, 'variables', 'NODE_OPTIONS'],
          `${rest ? `${rest} ` : ''}--max-old-space-size=${raised}`,
        );
        changed.push(`${job}: ${current} → ${raised} MB heap`);
      } else {
        const currentText = String(
          doc.getIn([job, 'variables', 'KUBERNETES_MEMORY_LIMIT']) ??
            doc.getIn(['variables', 'KUBERNETES_MEMORY_LIMIT']) ??
            '',
        );
        const current = toMi(currentText) ?? CONTAINER_DEFAULT_MI;
        const raised = Math.min(
          CONTAINER_CAP_MI,
          Math.ceil(current * p.factor),
        );
        if (raised <= current) continue;
        doc.setIn([job, 'variables', 'KUBERNETES_MEMORY_LIMIT'], `${raised}Mi`);
        doc.setIn(
          [job, 'variables', 'KUBERNETES_MEMORY_REQUEST'],
          `${raised}Mi`,
        );
        changed.push(`${job}: ${current} → ${raised} Mi`);
      }
    }
    if (!changed.length)
      throw new FixNotApplicableError('memory is already at the cap');
    await writeCiFile(workspace, doc);
    return {
      changedFiles: [CI_FILE],
      summary: `Raised memory in ${CI_FILE} (${changed.join(', ')})`,
    };
  },
};
