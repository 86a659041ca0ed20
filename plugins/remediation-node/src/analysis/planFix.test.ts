import { z } from 'zod';
import { builtinFixSteps, fixStepMap } from '../fixes/builtinFixSteps';
import { FixStepType } from '../fixes/types';
import { playbookSchema } from '../playbooks/schema';
import { playbooks } from '../__testUtils__/library';
import { planFix } from './planFix';

const stepTypes = fixStepMap(builtinFixSteps);
const byId = (id: string) => playbooks().playbooks.find(p => p.id === id)!;

const echoStep: FixStepType<{ text: string; list?: string[]; n?: number }> = {
  type: 'echo',
  title: 'Echo',
  parameters: z.object({
    text: z.string().min(1),
    list: z.array(z.string()).optional(),
    n: z.number().optional(),
    nested: z.object({ inner: z.string() }).optional(),
  }),
  kind: 'action',
  describe: p => `echo ${p.text}`,
  apply: async () => ({ changedFiles: [], summary: '' }),
};

const custom = (steps: unknown[], summary?: string) =>
  playbookSchema.parse({
    id: 'pb-x-001',
    title: 'x',
    category: 'flaky_test',
    risk: 'low',
    rules: [{ id: 'r', pattern: 'x', priority: 1 }],
    fix: { steps, ...(summary ? { summary } : {}) },
  });

describe('planFix', () => {
  it('fills the facts into the step parameters', () => {
    expect(
      planFix(
        'missing_python_package',
        byId('pb-dep-001'),
        { module: 'yaml' },
        stepTypes,
      ),
    ).toEqual({
      summary: 'Add PyYAML (for import yaml) to the Python requirements',
      steps: [
        {
          type: 'add-dependency',
          with: { ecosystem: 'python', name: 'yaml' },
          description:
            'Add PyYAML (for import yaml) to the Python requirements',
        },
      ],
    });
  });

  it('adds a package or its type definitions, as the prefix fact says', () => {
    const name = (facts: Record<string, string>) =>
      planFix('missing_npm_package', byId('pb-dep-002'), facts, stepTypes)
        ?.steps[0].with.name;
    expect(name({ package: 'left-pad', prefix: '' })).toBe('left-pad');
    expect(name({ package: 'node', prefix: '@types/' })).toBe('@types/node');
    // Every rule that names a package sets the prefix; without it, no fix.
    expect(name({ package: 'left-pad' })).toBeUndefined();
  });

  it('sets a variable or its Terraform input, as the prefix fact says', () => {
    const name = (facts: Record<string, string>) =>
      planFix('missing_env_var', byId('pb-env-001'), facts, stepTypes)?.steps[0]
        .with.name;
    expect(name({ name: 'DATABASE_URL', prefix: '' })).toBe('DATABASE_URL');
    expect(name({ name: 'region', prefix: 'TF_VAR_' })).toBe('TF_VAR_region');
    expect(name({ name: 'DATABASE_URL' })).toBeUndefined();
  });

  it('fills placeholders with spaces, several per value, in nested values', () => {
    const steps = new Map([['echo', echoStep]]);
    const fix = planFix(
      'flaky_test',
      custom([
        {
          type: 'echo',
          with: {
            text: '{{ a }}-{{b}}!',
            list: ['{{a}}', 'plain'],
            n: 3,
            nested: { inner: '<{{b}}>' },
          },
        },
      ]),
      { a: 'A', b: 'B' },
      steps,
    );
    expect(fix?.steps[0].with).toEqual({
      text: 'A-B!',
      list: ['A', 'plain'],
      n: 3,
      nested: { inner: '<B>' },
    });
    expect(fix?.summary).toBe('echo A-B!');
  });

  it('uses the playbook summary, filled, when it has one', () => {
    const steps = new Map([['echo', echoStep]]);
    expect(
      planFix(
        'flaky_test',
        custom([{ type: 'echo', with: { text: 'x' } }], 'Retry {{test}}'),
        { test: 'test_a' },
        steps,
      )?.summary,
    ).toBe('Retry test_a');
    // A summary that cannot be filled falls back to the steps.
    expect(
      planFix(
        'flaky_test',
        custom([{ type: 'echo', with: { text: 'x' } }], 'Retry {{test}}'),
        {},
        steps,
      )?.summary,
    ).toBe('echo x');
  });

  it('does not fill a placeholder twice (a fact holding a placeholder stays as it is)', () => {
    const steps = new Map([['echo', echoStep]]);
    const fix = planFix(
      'flaky_test',
      custom([{ type: 'echo', with: { text: '{{a}}' } }]),
      { a: '{{b}}', b: 'nope' },
      steps,
    );
    expect(fix?.steps[0].with).toEqual({ text: '{{b}}' });
  });

  it('plans nothing when a placeholder has no fact', () => {
    expect(
      planFix('missing_python_package', byId('pb-dep-001'), {}, stepTypes),
    ).toBeUndefined();
    expect(
      planFix(
        'dependency_conflict',
        byId('pb-dep-003'),
        { ecosystem: 'python' },
        stepTypes,
      ),
    ).toBeUndefined();
  });

  it('does not take properties every object has for facts', () => {
    const steps = new Map([['echo', echoStep]]);
    for (const name of [
      'constructor',
      'toString',
      '__proto__',
      'hasOwnProperty',
    ]) {
      expect(
        planFix(
          'flaky_test',
          custom([{ type: 'echo', with: { text: `{{${name}}}` } }]),
          {},
          steps,
        ),
      ).toBeUndefined();
    }
  });

  it('plans nothing when the filled parameters are invalid', () => {
    // A module name with characters no package has.
    expect(
      planFix(
        'missing_python_package',
        byId('pb-dep-001'),
        { module: 'x; rm -rf /' },
        stepTypes,
      ),
    ).toBeUndefined();
    expect(
      planFix(
        'missing_python_package',
        byId('pb-dep-001'),
        { module: '' },
        stepTypes,
      ),
    ).toBeUndefined();
    // A path outside the repository.
    expect(
      planFix(
        'invalid_config',
        byId('pb-env-002'),
        { path: '../../etc/passwd.yaml' },
        stepTypes,
      ),
    ).toBeUndefined();
    expect(
      planFix(
        'invalid_config',
        byId('pb-env-002'),
        { path: '/etc/app.yaml' },
        stepTypes,
      ),
    ).toBeUndefined();
    // An ecosystem the step does not know.
    expect(
      planFix(
        'dependency_conflict',
        byId('pb-dep-003'),
        { ecosystem: 'cargo', package: 'serde' },
        stepTypes,
      ),
    ).toBeUndefined();
  });

  it('plans nothing for a step type that is not registered', () => {
    expect(
      planFix('flaky_test', custom([{ type: 'unknown-step' }]), {}, stepTypes),
    ).toBeUndefined();
  });

  it.each([
    'test_failure',
    'compilation_error',
    'lint_failure',
    'unknown',
  ] as const)('never plans a fix for %s', category => {
    expect(
      planFix(category, byId('pb-test-002'), {}, stepTypes),
    ).toBeUndefined();
  });

  it('plans nothing without a playbook', () => {
    expect(planFix('flaky_test', undefined, {}, stepTypes)).toBeUndefined();
  });

  it('plans the fix of every playbook given the facts its rules provide', () => {
    const facts: Record<string, Record<string, string>> = {
      'pb-dep-001': { module: 'sklearn' },
      'pb-dep-002': { package: '@scope/pkg', prefix: '' },
      'pb-dep-003': { ecosystem: 'npm', package: 'peer-dependencies' },
      'pb-env-001': { name: 'DATABASE_URL', prefix: '' },
      'pb-env-002': { path: 'config/app.yaml' },
      'pb-test-001': { scope: 'job' },
      'pb-resource-001': { target: 'node' },
    };
    const all = playbooks().playbooks;
    expect(
      all.map(p => [
        p.id,
        planFix(p.category, p, facts[p.id] ?? {}, stepTypes)?.steps.length,
      ]),
    ).toEqual(all.map(p => [p.id, p.fix.steps.length]));
  });
});
