import { anyPattern } from './anyPattern';

describe('anyPattern', () => {
  it('is undefined for no patterns', () => {
    expect(anyPattern([])).toBeUndefined();
  });

  it('keeps each pattern to its own flags', () => {
    const noise = anyPattern([
      { pattern: '^WARN', flags: '' },
      { pattern: 'dear (?:robot|agent)', flags: 'i' },
      { pattern: 'deprecated', flags: '' },
    ])!;
    expect(noise.test('WARN: disk')).toBe(true);
    expect(noise.test('warn: disk')).toBe(false);
    expect(noise.test('Dear Agent, hello')).toBe(true);
    expect(noise.test('DEAR ROBOT')).toBe(true);
    expect(noise.test('npm DEPRECATED')).toBe(false);
    expect(noise.test('nothing here')).toBe(false);
  });
});
