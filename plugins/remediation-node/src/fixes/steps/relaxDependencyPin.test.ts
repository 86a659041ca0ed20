import {
  applyStep,
  MemoryWorkspace,
} from '../../__testUtils__/memoryWorkspace';
import { FixNotApplicableError } from '../types';
import { relaxDependencyPinStep } from './relaxDependencyPin';

const relax = (params: unknown, ws: MemoryWorkspace) =>
  applyStep(relaxDependencyPinStep, params, ws);

describe('relax-dependency-pin', () => {
  it('validates its parameters', () => {
    const parse = (p: unknown) =>
      relaxDependencyPinStep.parameters.safeParse(p);
    expect(parse({ ecosystem: 'python', name: 'flask' }).success).toBe(true);
    expect(parse({ ecosystem: 'npm', name: 'peer-dependencies' }).success).toBe(
      true,
    );
    expect(parse({ ecosystem: 'python', name: 'flask==1' }).success).toBe(
      false,
    );
    expect(parse({ ecosystem: 'go', name: 'x' }).success).toBe(false);
  });

  describe('python', () => {
    it('drops the exact pin and keeps everything else', async () => {
      const ws = new MemoryWorkspace({
        'requirements.txt':
          '# web\nFlask==2.0.0  # pinned for a reason\nwerkzeug>=3\nrequests==2.31.0\n',
      });
      const result = await relax({ ecosystem: 'python', name: 'flask' }, ws);
      expect(ws.files.get('requirements.txt')).toBe(
        '# web\nFlask  # pinned for a reason\nwerkzeug>=3\nrequests==2.31.0\n',
      );
      expect(result).toEqual({
        changedFiles: ['requirements.txt'],
        summary: 'Removed the exact pin of flask',
      });
    });

    it.each([
      ['uvicorn[standard]==0.20.0', 'uvicorn[standard]'],
      ['typing_extensions == 4.9.0', 'typing_extensions'],
      [
        'importlib-metadata==7.0; python_version < "3.10"',
        'importlib-metadata; python_version < "3.10"',
      ],
      ['Typing.Extensions==4.9.0\r', 'Typing.Extensions\r'],
    ])('relaxes %j', async (line, expected) => {
      const name = line.split(/[[= ;]/)[0];
      const ws = new MemoryWorkspace({ 'requirements.txt': `${line}\n` });
      await relax(
        { ecosystem: 'python', name: name.replace(/[._]/g, '-') },
        ws,
      );
      expect(ws.files.get('requirements.txt')).toBe(`${expected}\n`);
    });

    it('is not applicable when the package is not pinned exactly', async () => {
      const ws = new MemoryWorkspace({
        'requirements.txt': 'flask>=2\nflask-cors==4.0\n',
      });
      await expect(
        relax({ ecosystem: 'python', name: 'flask' }, ws),
      ).rejects.toThrow('requirements.txt does not pin flask exactly');
      await expect(
        relax({ ecosystem: 'python', name: 'flask' }, new MemoryWorkspace()),
      ).rejects.toThrow('no requirements.txt');
    });
  });

  describe('npm', () => {
    it('sets legacy-peer-deps in a new .npmrc', async () => {
      const ws = new MemoryWorkspace();
      const result = await relax(
        { ecosystem: 'npm', name: 'peer-dependencies' },
        ws,
      );
      expect(ws.files.get('.npmrc')).toBe('legacy-peer-deps=true\n');
      expect(result.changedFiles).toEqual(['.npmrc']);
    });

    it('appends to an existing .npmrc', async () => {
      const ws = new MemoryWorkspace({
        '.npmrc': 'registry=https://registry.example.com/',
      });
      await relax({ ecosystem: 'npm', name: 'x' }, ws);
      expect(ws.files.get('.npmrc')).toBe(
        'registry=https://registry.example.com/\nlegacy-peer-deps=true\n',
      );
    });

    it('is not applicable when .npmrc already sets it', async () => {
      const ws = new MemoryWorkspace({ '.npmrc': 'legacy-peer-deps = true\n' });
      await expect(relax({ ecosystem: 'npm', name: 'x' }, ws)).rejects.toThrow(
        FixNotApplicableError,
      );
    });
  });
});
