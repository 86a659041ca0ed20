import { z } from 'zod';
import { FixNotApplicableError, FixStepType } from '../types';

const params = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
});
type Params = z.infer<typeof params>;

const EXAMPLE_FILES = [
  '.env.example',
  '.env.sample',
  '.env.template',
  'env.example',
];

/**
 * The value of a dotenv assignment's right-hand side: a quoted value without
 * its quotes (and what follows them), or a bare value without a ` # comment`.
 */
function envValue(text: string): string {
  const quoted = /^\s*(['"])(.*?)\1/.exec(text);
  if (quoted) return quoted[2];
  return text.replace(/(?:^|\s)#.*$/, '').trim();
}

/**
 * Sets a missing CI variable to the value the repository documents for it
 * in its example env file; a variable nobody documented is not guessed.
 */
export const setCiVariableStep: FixStepType<Params> = {
  type: 'set-ci-variable',
  title: 'Set a CI/CD variable',
  parameters: params,
  kind: 'action',
  describe: p =>
    `Set the CI/CD variable ${p.name} to the value documented in the repository's example env file`,
  async apply({ params: p, workspace }) {
    for (const file of EXAMPLE_FILES) {
      const text = await workspace.readFile(file);
      const m =
        text &&
        new RegExp(`^\\s*(?:export\\s+)?${p.name}\\s*=\\s*(.*)$`, 'm').exec(
          text,
        );
      if (m) {
        const value = envValue(m[1]);
        if (!value) continue;
        await workspace.setCiVariable(p.name, value);
        return {
          changedFiles: [],
          summary: `Set CI/CD variable ${p.name} from ${file}`,
        };
      }
    }
    throw new FixNotApplicableError(
      `${p.name} is not documented in ${EXAMPLE_FILES.join(
        ', ',
      )}; set it in the project's CI/CD settings`,
    );
  },
};
