import { z } from 'zod';
import { FixNotApplicableError, FixStepType } from '../types';

const params = z.object({
  /** Repository path of the broken configuration file. */
  path: z
    .string()
    .min(1)
    .refine(
      p => !p.startsWith('/') && !p.split('/').includes('..'),
      'a path inside the repository',
    ),
});
type Params = z.infer<typeof params>;

/** Puts a configuration file back the way the default branch has it. */
export const restoreFileStep: FixStepType<Params> = {
  type: 'restore-file',
  title: 'Restore a file from the default branch',
  parameters: params,
  kind: 'change',
  describe: p => `Restore ${p.path} as it is on the default branch`,
  async apply({ params: p, workspace }) {
    const good = await workspace.readDefaultBranchFile(p.path);
    if (good === undefined)
      throw new FixNotApplicableError(
        `${p.path} does not exist on the default branch`,
      );
    const current = await workspace.readFile(p.path);
    if (current === good)
      throw new FixNotApplicableError(
        `${p.path} already matches the default branch`,
      );
    await workspace.writeFile(p.path, good);
    return {
      changedFiles: [p.path],
      summary: `Restored ${p.path} from the default branch`,
    };
  },
};
