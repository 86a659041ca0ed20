import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { renderSkeleton } from './renderSkeleton';

describe('renderSkeleton', () => {
  const dir = createMockDirectory();
  it('renders with fetch:template', async () => {
    await renderSkeleton({
      template: 'microservice',
      url: './skeletons/_probe',
      values: { name: 'orders', database: 'none' },
      workspace: dir.path,
    });
    expect(fs.readFileSync(dir.resolve('out.txt'), 'utf8')).toBe(
      'name: orders\nmemory\n',
    );
  });
});
