import { createMockDirectory } from '@backstage/backend-test-utils';
import { writeChangedFiles } from './writeChangedFiles';

describe('writeChangedFiles', () => {
  it('keeps repository paths, and writes nothing outside the folder', async () => {
    const dir = createMockDirectory();
    const root = dir.resolve('checkout');
    const errors = await writeChangedFiles(root, [
      { path: 'infra/main.tf', content: 'a' },
      { path: 'infra\\prod.tfvars', content: 'b' },
      { path: 'deploy/./web.yaml', content: 'c' },
      { path: '/etc/passwd', content: 'x' },
      { path: '../escape.txt', content: 'x' },
      { path: 'a/../../escape.txt', content: 'x' },
      { path: '..', content: 'x' },
    ]);
    expect(dir.content({ path: 'checkout', shouldReadAsText: true })).toEqual({
      infra: { 'main.tf': 'a', 'prod.tfvars': 'b' },
      deploy: { 'web.yaml': 'c' },
    });
    expect(dir.content()).not.toHaveProperty('escape.txt');
    expect(errors.map(e => e.file)).toEqual([
      '/etc/passwd',
      '../escape.txt',
      'a/../../escape.txt',
      '..',
    ]);
  });
});
