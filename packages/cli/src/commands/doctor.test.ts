import { DoctorCheck, runDoctor } from './doctor';

const check = (name: string, required: boolean, ok: boolean): DoctorCheck => ({
  name,
  required,
  run: () => ({ ok, detail: ok ? 'fine' : 'missing' }),
});

describe('agentic doctor', () => {
  it('fails only when a required check fails', () => {
    const lines: string[] = [];
    expect(
      runDoctor([check('a', true, true), check('b', false, false)], l =>
        lines.push(l),
      ),
    ).toBe(0);
    expect(lines).toEqual(['ok   a: fine', 'warn b: missing']);
    expect(runDoctor([check('c', true, false)], () => {})).toBe(1);
  });
});
