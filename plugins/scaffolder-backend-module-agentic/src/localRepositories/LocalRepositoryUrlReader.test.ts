import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LocalRepositoryUrlReader } from './LocalRepositoryUrlReader';

describe('LocalRepositoryUrlReader', () => {
  const dir = createMockDirectory({
    content: {
      'repositories/orders-api/catalog-info.yaml': 'kind: Component\n',
      'repositories/orders-api/docs/index.md': '# Orders\n',
      'repositories/orders-api/.git/HEAD': 'ref: refs/heads/main\n',
      'outside/secret.txt': 'not for the catalog',
    },
  });
  const root = dir.resolve('repositories');
  const url = (p: string) => pathToFileURL(dir.resolve(p)).href;
  // The backend's URL reader with only this reader in it.
  const reader = UrlReaders.create({
    config: new ConfigReader({
      scaffolder: { localPublish: { directory: root } },
    }),
    logger: mockServices.logger.mock(),
    factories: [LocalRepositoryUrlReader.factory],
  });

  it('reads a file below the folder, and answers "not modified" to its etag', async () => {
    const response = await reader.readUrl(
      url('repositories/orders-api/catalog-info.yaml'),
    );
    expect((await response.buffer()).toString()).toBe('kind: Component\n');
    expect(response.etag).toMatch(/^[0-9a-f]{32}$/);
    await expect(
      reader.readUrl(url('repositories/orders-api/catalog-info.yaml'), {
        etag: response.etag,
      }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
  });

  it('reads nothing outside the folder, whether by path, .. or a symbolic link', async () => {
    await expect(reader.readUrl(url('outside/secret.txt'))).rejects.toThrow(
      /Reading from 'file:.*outside\/secret.txt' is not allowed/,
    );
    await expect(
      reader.readUrl(
        `${pathToFileURL(root).href}/orders-api/../../outside/secret.txt`,
      ),
    ).rejects.toThrow(/is not allowed/);
    await expect(
      reader.readUrl(`file://example.com${root}/orders-api/catalog-info.yaml`),
    ).rejects.toThrow(/is not allowed/);
    fs.symlinkSync(
      dir.resolve('outside/secret.txt'),
      dir.resolve('repositories/orders-api/link.txt'),
    );
    await expect(
      reader.readUrl(url('repositories/orders-api/link.txt')),
    ).rejects.toThrow(/leads out of the local repositories folder/);
  });

  it('says NotFound for what is not there, and search finds nothing', async () => {
    const missing = url('repositories/orders-api/nothing.yaml');
    await expect(reader.readUrl(missing)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(reader.search(missing)).resolves.toEqual({
      files: [],
      etag: '',
    });
    const found = await reader.search(
      url('repositories/orders-api/catalog-info.yaml'),
    );
    expect(found.files).toHaveLength(1);
    expect((await found.files[0].content()).toString()).toBe(
      'kind: Component\n',
    );
  });

  it('reads a folder as a tree, without .git, filtered, with an etag', async () => {
    const tree = await reader.readTree(`${url('repositories/orders-api')}/`);
    const files = await tree.files();
    expect(files.map(f => f.path).sort()).toEqual([
      'catalog-info.yaml',
      'docs/index.md',
    ]);
    expect(
      (await files.find(f => f.path === 'docs/index.md')!.content()).toString(),
    ).toBe('# Orders\n');
    await expect(
      reader.readTree(url('repositories/orders-api'), { etag: tree.etag }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });

    const docs = await reader.readTree(url('repositories/orders-api'), {
      filter: p => p.startsWith('docs/'),
    });
    const target = dir.resolve('tree-out');
    await docs.dir({ targetDir: target });
    expect(fs.readdirSync(target, { recursive: true }).sort()).toEqual([
      'docs',
      'docs/index.md',
    ]);
  });

  it('reads no file: URL at all where local publishing is turned off', async () => {
    const off = UrlReaders.create({
      config: new ConfigReader({
        scaffolder: { localPublish: { enabled: false, directory: root } },
      }),
      logger: mockServices.logger.mock(),
      factories: [LocalRepositoryUrlReader.factory],
    });
    await expect(
      off.readUrl(url('repositories/orders-api/catalog-info.yaml')),
    ).rejects.toThrow(/not allowed|no reader|Reading from/i);
  });
});
