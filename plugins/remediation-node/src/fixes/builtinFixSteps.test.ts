import { builtinFixSteps, fixStepMap } from './builtinFixSteps';

describe('builtinFixSteps', () => {
  it('holds the step types the playbooks README names', () => {
    expect(builtinFixSteps.map(s => s.type).sort()).toEqual([
      'add-dependency',
      'raise-memory-limit',
      'raise-timeout',
      'relax-dependency-pin',
      'restore-file',
      'retry-job',
      'set-ci-variable',
    ]);
  });

  it('maps the step types by name and refuses a duplicate', () => {
    const map = fixStepMap(builtinFixSteps);
    expect(map.get('retry-job')?.title).toBe('Retry the job');
    expect(() => fixStepMap([...builtinFixSteps, builtinFixSteps[0]])).toThrow(
      "Fix step type 'add-dependency' is registered twice",
    );
  });
});
