import {
  applyStep,
  MemoryWorkspace,
} from '../../__testUtils__/memoryWorkspace';
import { FixNotApplicableError } from '../types';
import { parseGitlabDuration, raiseTimeoutStep } from './raiseTimeout';

const raise = (params: unknown, ws: MemoryWorkspace) =>
  applyStep(raiseTimeoutStep, params, ws);

const CI = `# Pipeline of the shop
stages: [build, test]

variables:
  PIP_CACHE_DIR: .cache/pip  # shared cache

.template:
  image: python:3.12

build:
  stage: build
  script: make build

test:
  stage: test
  # The suite is slow.
  timeout: 1h 30m
  script:
    - pytest
`;

describe('parseGitlabDuration', () => {
  it.each([
    ['1h 30m', 90],
    ['90 minutes', 90],
    ['1 hour', 60],
    ['2 hours 15 minutes', 135],
    ['3600', 60],
    ['45m', 45],
    ['30 min', 30],
    ['1.5h', 90],
    ['120s', 2],
    ['2h30m', 150],
    ['1h30m15s', 90.25],
    ['1d', 1440],
    ['1 day', 1440],
    [' 2H ', 120],
  ])('%j is %d minutes', (text, minutes) => {
    expect(parseGitlabDuration(text)).toBeCloseTo(minutes);
  });

  it.each(['', 'soon', 'never', 'h'])('%j is not a duration', text => {
    expect(parseGitlabDuration(text)).toBeUndefined();
  });
});

describe('raise-timeout', () => {
  it('validates its parameters', () => {
    const parse = (p: unknown) => raiseTimeoutStep.parameters.safeParse(p);
    expect(parse({ scope: 'job' }).success).toBe(true);
    expect(parse({ scope: 'job', factor: 1 }).success).toBe(false);
    expect(parse({ scope: 'job', factor: 5 }).success).toBe(false);
    expect(parse({ scope: 'week' }).success).toBe(false);
    expect(raiseTimeoutStep.parameters.parse({ scope: 'test' })).toEqual({
      scope: 'test',
      factor: 2,
    });
  });

  it('describes what it would do', () => {
    expect(raiseTimeoutStep.describe({ scope: 'job', factor: 2 })).toBe(
      'Raise the job timeout ×2 in .gitlab-ci.yml',
    );
    expect(
      raiseTimeoutStep.describe({ scope: 'job', job: 'test', factor: 1.5 }),
    ).toBe("Raise the 'test' job timeout ×1.5 in .gitlab-ci.yml");
    expect(raiseTimeoutStep.describe({ scope: 'test', factor: 2 })).toBe(
      'Raise the per-test timeout ×2',
    );
  });

  describe('job scope', () => {
    it("doubles the named job's timeout and keeps the comments", async () => {
      const ws = new MemoryWorkspace({ '.gitlab-ci.yml': CI });
      const result = await raise({ scope: 'job', job: 'test' }, ws);
      const text = ws.files.get('.gitlab-ci.yml')!;
      expect(text).toContain('timeout: 180 minutes');
      expect(text).toContain('# Pipeline of the shop');
      expect(text).toContain('# The suite is slow.');
      expect(text).toContain('PIP_CACHE_DIR: .cache/pip # shared cache');
      expect(text).not.toContain('1h 30m');
      expect(result).toEqual({
        changedFiles: ['.gitlab-ci.yml'],
        summary:
          'Raised the job timeout in .gitlab-ci.yml (test: 90 → 180 minutes)',
      });
    });

    it('gives every job twice the default hour when none is named', async () => {
      const ws = new MemoryWorkspace({ '.gitlab-ci.yml': CI });
      const result = await raise({ scope: 'job', factor: 1.5 }, ws);
      const text = ws.files.get('.gitlab-ci.yml')!;
      // build: default 60 → 90; test: 90 → 135; not the template.
      expect(text).toMatch(
        /build:\n {2}stage: build\n {2}script: make build\n {2}timeout: 90 minutes/,
      );
      expect(text).toContain('timeout: 135 minutes');
      expect(text).not.toMatch(
        /\.template:\n {2}image: python:3.12\n {2}timeout/,
      );
      expect(result.summary).toBe(
        'Raised the job timeout in .gitlab-ci.yml (build: 60 → 90 minutes, test: 90 → 135 minutes)',
      );
    });

    it('starts from the default timeout of the file', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml': 'default:\n  timeout: 2h\n\nbuild:\n  script: make\n',
      });
      await raise({ scope: 'job' }, ws);
      expect(ws.files.get('.gitlab-ci.yml')).toContain('timeout: 180 minutes');
      expect(ws.files.get('.gitlab-ci.yml')).toContain('  timeout: 2h');
    });

    it('reads a timeout given in a form GitLab accepts', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml': 'build:\n  timeout: 1h10m\n  script: make\n',
      });
      await raise({ scope: 'job' }, ws);
      expect(ws.files.get('.gitlab-ci.yml')).toContain('timeout: 140 minutes');
    });

    it('reads a number as seconds', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml': 'build:\n  timeout: 2700\n  script: make\n',
      });
      const result = await raise({ scope: 'job' }, ws);
      expect(ws.files.get('.gitlab-ci.yml')).toContain('timeout: 90 minutes');
      expect(result.summary).toContain('build: 45 → 90 minutes');
    });

    it('caps the timeout at three hours and never lowers it', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          'a:\n  timeout: 2h\n  script: x\nb:\n  timeout: 5h\n  script: x\n',
      });
      const result = await raise({ scope: 'job' }, ws);
      const text = ws.files.get('.gitlab-ci.yml')!;
      expect(text).toContain('timeout: 180 minutes');
      expect(text).toContain('timeout: 5h');
      expect(result.summary).toContain('a: 120 → 180 minutes');
      expect(result.summary).not.toContain('b:');
    });

    it('is not applicable at the cap', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml': 'a:\n  timeout: 3h\n  script: x\n',
      });
      await expect(raise({ scope: 'job' }, ws)).rejects.toThrow(
        'job timeouts are already at the 180-minute cap',
      );
      expect(ws.writes).toEqual([]);
    });

    it('is not applicable for an unknown job or without a CI file', async () => {
      await expect(
        raise(
          { scope: 'job', job: 'deploy' },
          new MemoryWorkspace({ '.gitlab-ci.yml': CI }),
        ),
      ).rejects.toThrow("has no job 'deploy'");
      await expect(
        raise({ scope: 'job' }, new MemoryWorkspace()),
      ).rejects.toThrow(FixNotApplicableError);
      await expect(
        raise(
          { scope: 'job' },
          new MemoryWorkspace({ '.gitlab-ci.yml': '- a\n- b\n' }),
        ),
      ).rejects.toThrow('is not a YAML mapping');
    });
  });

  describe('test scope', () => {
    it("raises Jest's testTimeout in package.json", async () => {
      const ws = new MemoryWorkspace({
        'package.json': `${JSON.stringify(
          { name: 'app', devDependencies: { jest: '^29' } },
          null,
          2,
        )}\n`,
      });
      const result = await raise({ scope: 'test' }, ws);
      expect(JSON.parse(ws.files.get('package.json')!).jest).toEqual({
        testTimeout: 10000,
      });
      expect(result).toEqual({
        changedFiles: ['package.json'],
        summary: "Raised Jest's testTimeout from 5000 to 10000 ms",
      });
    });

    it('raises an existing testTimeout and keeps the rest of the Jest config', async () => {
      const ws = new MemoryWorkspace({
        'package.json': `${JSON.stringify(
          { jest: { testTimeout: 20000, verbose: true } },
          null,
          4,
        )}\n`,
      });
      await raise({ scope: 'test', factor: 1.5 }, ws);
      const text = ws.files.get('package.json')!;
      expect(JSON.parse(text).jest).toEqual({
        testTimeout: 30000,
        verbose: true,
      });
      // The file keeps its indentation.
      expect(text).toContain('\n    "jest": {');
    });

    it('raises testTimeout in jest.config.js rather than adding a second config', async () => {
      const ws = new MemoryWorkspace({
        'package.json': JSON.stringify({ devDependencies: { jest: '^29' } }),
        'jest.config.js':
          "module.exports = {\n  testEnvironment: 'node',\n  testTimeout: 8000,\n};\n",
      });
      const result = await raise({ scope: 'test' }, ws);
      expect(ws.writes).toEqual(['jest.config.js']);
      expect(ws.files.get('jest.config.js')).toBe(
        "module.exports = {\n  testEnvironment: 'node',\n  testTimeout: 16000,\n};\n",
      );
      expect(result.summary).toBe(
        "Raised Jest's testTimeout from 8000 to 16000 ms in jest.config.js",
      );
    });

    it('does not touch a Jest config file it cannot edit', async () => {
      const ws = new MemoryWorkspace({
        'package.json': JSON.stringify({ devDependencies: { jest: '^29' } }),
        'jest.config.ts': "export default { preset: 'ts-jest' };\n",
      });
      await expect(raise({ scope: 'test' }, ws)).rejects.toThrow(
        FixNotApplicableError,
      );
      expect(ws.writes).toEqual([]);
    });

    it('raises the timeout in pytest.ini', async () => {
      const ws = new MemoryWorkspace({
        'pytest.ini': '[pytest]\naddopts = -q\ntimeout = 30\n',
      });
      const result = await raise({ scope: 'test' }, ws);
      expect(ws.files.get('pytest.ini')).toBe(
        '[pytest]\naddopts = -q\ntimeout = 60\n',
      );
      expect(result.summary).toBe("Raised pytest's timeout from 30 to 60 s");
    });

    it('adds a timeout to the [pytest] section, keeping the layout', async () => {
      const ws = new MemoryWorkspace({
        'pytest.ini': '[pytest]\n\naddopts = -q\n',
      });
      await raise({ scope: 'test' }, ws);
      expect(ws.files.get('pytest.ini')).toBe(
        '[pytest]\ntimeout = 120\n\naddopts = -q\n',
      );
    });

    it('is not applicable without a [pytest] section or any test config', async () => {
      await expect(
        raise(
          { scope: 'test' },
          new MemoryWorkspace({ 'pytest.ini': '[tool]\nx = 1\n' }),
        ),
      ).rejects.toThrow('pytest.ini has no [pytest] section');
      await expect(
        raise(
          { scope: 'test' },
          new MemoryWorkspace({
            'package.json': JSON.stringify({ name: 'x' }),
          }),
        ),
      ).rejects.toThrow('no Jest or pytest configuration');
    });
  });
});
