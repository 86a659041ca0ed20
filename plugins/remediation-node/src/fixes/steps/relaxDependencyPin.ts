import { z } from 'zod';
import { FixNotApplicableError, FixStepType } from '../types';

const params = z.object({
  ecosystem: z.enum(['python', 'npm']),
  /** The package whose pin conflicts. */
  name: z
    .string()
    .min(1)
    .regex(/^[@A-Za-z0-9_./-]+$/),
});
type Params = z.infer<typeof params>;

/**
 * Python: drops an exact pin (`pkg==1.2.3` → `pkg`) so the resolver can pick
 * a compatible version. npm: resolves peer-dependency conflicts the way npm 6
 * did (`legacy-peer-deps=true` in .npmrc).
 */
export const relaxDependencyPinStep: FixStepType<Params> = {
  type: 'relax-dependency-pin',
  title: 'Relax a conflicting version pin',
  parameters: params,
  kind: 'change',
  describe: p =>
    p.ecosystem === 'python'
      ? `Remove the exact version pin of ${p.name} from requirements.txt`
      : 'Let npm install peer dependencies leniently (legacy-peer-deps in .npmrc)',
  async apply({ params: p, workspace }) {
    if (p.ecosystem === 'npm') {
      const npmrc = (await workspace.readFile('.npmrc')) ?? '';
      if (/^legacy-peer-deps\s*=\s*true/m.test(npmrc)) {
        throw new FixNotApplicableError('.npmrc already sets legacy-peer-deps');
      }
      await workspace.writeFile(
        '.npmrc',
        `${npmrc}${
          npmrc && !npmrc.endsWith('\n') ? '\n' : ''
        }legacy-peer-deps=true\n`,
      );
      return {
        changedFiles: ['.npmrc'],
        summary: 'Set legacy-peer-deps=true in .npmrc',
      };
    }
    const text = await workspace.readFile('requirements.txt');
    if (text === undefined)
      throw new FixNotApplicableError('no requirements.txt');
    const name = p.name.toLowerCase().replace(/[-_.]+/g, '-');
    let found = false;
    const updated = text
      .split('\n')
      .map(line => {
        // `(.*)$` stops before a CR: a CRLF file's lines end in one.
        const m =
          /^([A-Za-z0-9_.-]+)(\[[^\]]*\])?\s*==\s*[^\s;#]+(.*)(\r?)$/.exec(
            line,
          );
        if (m && m[1].toLowerCase().replace(/[-_.]+/g, '-') === name) {
          found = true;
          return `${m[1]}${m[2] ?? ''}${m[3]}${m[4]}`;
        }
        return line;
      })
      .join('\n');
    if (!found)
      throw new FixNotApplicableError(
        `requirements.txt does not pin ${p.name} exactly`,
      );
    await workspace.writeFile('requirements.txt', updated);
    return {
      changedFiles: ['requirements.txt'],
      summary: `Removed the exact pin of ${p.name}`,
    };
  },
};
