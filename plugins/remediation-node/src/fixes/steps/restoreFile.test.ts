import {
  applyStep,
  MemoryWorkspace,
} from '../../__testUtils__/memoryWorkspace';
import { FixNotApplicableError } from '../types';
import { restoreFileStep } from './restoreFile';

describe('restore-file', () => {
  it.each([
    'config/app.yaml',
    '.gitlab-ci.yml',
    './settings.toml',
    'a/b..c/d.json',
  ])('accepts the path %j', path => {
    expect(restoreFileStep.parameters.safeParse({ path }).success).toBe(true);
  });

  it.each([
    '',
    '/etc/passwd',
    '../secrets.yaml',
    'config/../../etc/app.yaml',
    'a/..',
    '..',
  ])('rejects the path %j', path => {
    expect(restoreFileStep.parameters.safeParse({ path }).success).toBe(false);
  });

  it('puts the file back as the default branch has it', async () => {
    const ws = new MemoryWorkspace(
      { 'config/app.yaml': 'port: [broken' },
      { 'config/app.yaml': 'port: 8080\n' },
    );
    const result = await applyStep(
      restoreFileStep,
      { path: 'config/app.yaml' },
      ws,
    );
    expect(ws.files.get('config/app.yaml')).toBe('port: 8080\n');
    expect(result).toEqual({
      changedFiles: ['config/app.yaml'],
      summary: 'Restored config/app.yaml from the default branch',
    });
    expect(restoreFileStep.describe({ path: 'config/app.yaml' })).toBe(
      'Restore config/app.yaml as it is on the default branch',
    );
  });

  it('restores a file the fix branch deleted', async () => {
    const ws = new MemoryWorkspace({}, { 'app.toml': 'x = 1\n' });
    await applyStep(restoreFileStep, { path: 'app.toml' }, ws);
    expect(ws.files.get('app.toml')).toBe('x = 1\n');
  });

  it('is not applicable when the file is the same or absent on the default branch', async () => {
    const same = new MemoryWorkspace({ 'a.yaml': 'x: 1\n' });
    await expect(
      applyStep(restoreFileStep, { path: 'a.yaml' }, same),
    ).rejects.toThrow('a.yaml already matches the default branch');
    const absent = new MemoryWorkspace({ 'a.yaml': 'x' }, {});
    await expect(
      applyStep(restoreFileStep, { path: 'a.yaml' }, absent),
    ).rejects.toThrow(FixNotApplicableError);
    expect(same.writes).toEqual([]);
    expect(absent.writes).toEqual([]);
  });
});
