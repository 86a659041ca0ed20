import { parseDocument } from 'yaml';
import {
  applyStep,
  MemoryWorkspace,
} from '../../__testUtils__/memoryWorkspace';
import { raiseMemoryLimitStep } from './raiseMemoryLimit';

const raise = (params: unknown, ws: MemoryWorkspace) =>
  applyStep(raiseMemoryLimitStep, params, ws);
const ci = (ws: MemoryWorkspace) => ws.files.get('.gitlab-ci.yml')!;
const value = (ws: MemoryWorkspace, ...path: string[]) =>
  parseDocument(ci(ws)).getIn(path);

describe('raise-memory-limit', () => {
  it('validates its parameters', () => {
    const parse = (p: unknown) => raiseMemoryLimitStep.parameters.safeParse(p);
    expect(parse({ target: 'node' }).success).toBe(true);
    expect(parse({ target: 'gpu' }).success).toBe(false);
    expect(parse({ target: 'node', factor: 8 }).success).toBe(false);
  });

  it('describes what it would do', () => {
    expect(raiseMemoryLimitStep.describe({ target: 'node', factor: 2 })).toBe(
      'Raise the Node.js heap (--max-old-space-size) ×2 in .gitlab-ci.yml',
    );
    expect(
      raiseMemoryLimitStep.describe({ target: 'container', factor: 2 }),
    ).toBe(
      "Raise the job's memory limit (KUBERNETES_MEMORY_LIMIT) ×2 in .gitlab-ci.yml",
    );
  });

  describe('node', () => {
    it('adds NODE_OPTIONS with twice the default heap', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          '# build the app\nbuild:\n  script: npm run build # webpack\n',
      });
      const result = await raise({ target: 'node' }, ws);
      expect(value(ws, 'build', 'variables', 'NODE_OPTIONS')).toBe(
        '--max-old-space-size=4096',
      );
      expect(ci(ws)).toContain('# build the app');
      expect(ci(ws)).toContain('# webpack');
      expect(result).toEqual({
        changedFiles: ['.gitlab-ci.yml'],
        summary: 'Raised memory in .gitlab-ci.yml (build: 2048 → 4096 MB heap)',
      });
    });

    it('updates the heap size and keeps the other options', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          'build:\n  variables:\n    NODE_OPTIONS: "--enable-source-maps --max-old-space-size=3072"\n  script: x\n',
      });
      await raise({ target: 'node' }, ws);
      expect(value(ws, 'build', 'variables', 'NODE_OPTIONS')).toBe(
        '--enable-source-maps --max-old-space-size=6144',
      );
    });

    it('starts from the global NODE_OPTIONS', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          'variables:\n  NODE_OPTIONS: --max-old-space-size=3000 --trace-warnings\nbuild:\n  script: x\n',
      });
      await raise({ target: 'node' }, ws);
      expect(value(ws, 'build', 'variables', 'NODE_OPTIONS')).toBe(
        '--trace-warnings --max-old-space-size=6000',
      );
      expect(value(ws, 'variables', 'NODE_OPTIONS')).toBe(
        '--max-old-space-size=3000 --trace-warnings',
      );
    });

    it('understands the underscore spelling of the option', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          'build:\n  variables:\n    NODE_OPTIONS: --max_old_space_size=6144\n  script: x\n',
      });
      await raise({ target: 'node' }, ws);
      expect(value(ws, 'build', 'variables', 'NODE_OPTIONS')).toBe(
        '--max-old-space-size=8192',
      );
    });

    it('caps the heap at 8 GB and is not applicable there', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          'build:\n  variables:\n    NODE_OPTIONS: --max-old-space-size=8192\n  script: x\n',
      });
      await expect(raise({ target: 'node' }, ws)).rejects.toThrow(
        'memory is already at the cap',
      );
      expect(ws.writes).toEqual([]);
    });

    it('changes only the named job', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml': 'a:\n  script: x\nb:\n  script: y\n',
      });
      await raise({ target: 'node', job: 'b', factor: 1.5 }, ws);
      expect(value(ws, 'a', 'variables')).toBeUndefined();
      expect(value(ws, 'b', 'variables', 'NODE_OPTIONS')).toBe(
        '--max-old-space-size=3072',
      );
    });
  });

  describe('container', () => {
    it('sets the Kubernetes memory limit and request', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          'test:\n  variables:\n    KUBERNETES_MEMORY_LIMIT: 3Gi\n  script: x\n',
      });
      const result = await raise({ target: 'container' }, ws);
      expect(value(ws, 'test', 'variables', 'KUBERNETES_MEMORY_LIMIT')).toBe(
        '6144Mi',
      );
      expect(value(ws, 'test', 'variables', 'KUBERNETES_MEMORY_REQUEST')).toBe(
        '6144Mi',
      );
      expect(result.summary).toBe(
        'Raised memory in .gitlab-ci.yml (test: 3072 → 6144 Mi)',
      );
    });

    it.each([
      ['512Mi', '1024Mi'],
      ['1.5Gi', '3072Mi'],
      ['1000M', '2000Mi'],
      ['nonsense', '4096Mi'],
    ])('raises %s to %s', async (from, to) => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml': `test:\n  variables:\n    KUBERNETES_MEMORY_LIMIT: ${from}\n  script: x\n`,
      });
      await raise({ target: 'container' }, ws);
      expect(value(ws, 'test', 'variables', 'KUBERNETES_MEMORY_LIMIT')).toBe(
        to,
      );
    });

    it('starts from the global limit, never lowering it', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          'variables:\n  KUBERNETES_MEMORY_LIMIT: 8Gi\ntest:\n  script: x\n',
      });
      await raise({ target: 'container' }, ws);
      expect(value(ws, 'test', 'variables', 'KUBERNETES_MEMORY_LIMIT')).toBe(
        '16384Mi',
      );
    });

    it('caps the limit at 16 GiB', async () => {
      const ws = new MemoryWorkspace({
        '.gitlab-ci.yml':
          'test:\n  variables:\n    KUBERNETES_MEMORY_LIMIT: 16Gi\n  script: x\n',
      });
      await expect(raise({ target: 'container' }, ws)).rejects.toThrow(
        'memory is already at the cap',
      );
    });
  });
});
