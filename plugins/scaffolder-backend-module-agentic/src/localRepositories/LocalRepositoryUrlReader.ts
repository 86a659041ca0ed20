import {
  createServiceFactory,
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchOptions,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import {
  ReaderFactory,
  ReadTreeResponseFactory,
  ReadUrlResponseFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import {
  isError,
  NotAllowedError,
  NotFoundError,
  NotModifiedError,
} from '@backstage/errors';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { isWithin, readLocalPublishDirectory } from './localPublishDirectory';

interface TreeFile {
  /** Relative to the tree's root, with `/`. */
  path: string;
  absolute: string;
  stat: fs.Stats;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** The regular files below `dir`, without `.git` and without following symbolic links. */
async function listFiles(dir: string, prefix = ''): Promise<TreeFile[]> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true });
  const files: TreeFile[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const absolute = path.join(dir, entry.name);
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name !== '.git') {
      files.push(...(await listFiles(absolute, relative)));
    } else if (entry.isFile()) {
      files.push({
        path: relative,
        absolute,
        stat: await fs.promises.stat(absolute),
      });
    }
  }
  return files;
}

/** Read only when consumed, so a large tree does not hold a file open per file. */
function lazyStream(file: string): Readable {
  return Readable.from(
    (async function* read() {
      yield await fs.promises.readFile(file);
    })(),
  );
}

/**
 * Reads `file:` URLs below the local repositories folder
 * (`scaffolder.localPublish.directory`), and nothing else: with it the
 * catalog registers a service that `agentic:publish:local` published through
 * Backstage's own `catalog:register` (a `url` location whose target is
 * `file:///…/<name>/catalog-info.yaml`), resolves the entity's relative
 * references (`$text: ./openapi.yaml`), and TechDocs reads `dir:.`.
 * Symbolic links that lead out of the folder are refused.
 */
export class LocalRepositoryUrlReader implements UrlReaderService {
  static factory: ReaderFactory = ({ config, treeResponseFactory }) => {
    const root = readLocalPublishDirectory(config);
    // Local publishing turned off: no file: URL is read.
    if (!root) return [];
    const reader = new LocalRepositoryUrlReader({ root, treeResponseFactory });
    return [{ reader, predicate: url => reader.handles(url) }];
  };

  readonly #root: string;
  readonly #treeResponseFactory: ReadTreeResponseFactory;

  constructor(options: {
    root: string;
    treeResponseFactory: ReadTreeResponseFactory;
  }) {
    this.#root = path.resolve(options.root);
    this.#treeResponseFactory = options.treeResponseFactory;
  }

  /** Whether the URL names a place below the folder (lexically; reads check the real path). */
  handles(url: URL): boolean {
    if (url.protocol !== 'file:') return false;
    try {
      return isWithin(this.#root, fileURLToPath(url));
    } catch {
      // e.g. a host name in a file: URL
      return false;
    }
  }

  async #resolve(url: string): Promise<string> {
    const parsed = new URL(url);
    if (!this.handles(parsed)) {
      throw new NotAllowedError(
        `${url} is not below the local repositories folder ${this.#root}`,
      );
    }
    let real: string;
    try {
      real = await fs.promises.realpath(fileURLToPath(parsed));
    } catch (error) {
      if (
        isError(error) &&
        (error as NodeJS.ErrnoException).code === 'ENOENT'
      ) {
        throw new NotFoundError(`${url} does not exist`);
      }
      throw error;
    }
    const root = await fs.promises.realpath(this.#root).catch(() => this.#root);
    if (!isWithin(root, real)) {
      throw new NotAllowedError(
        `${url} leads out of the local repositories folder ${this.#root}`,
      );
    }
    return real;
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const file = await this.#resolve(url);
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) throw new NotFoundError(`${url} is not a file`);
    const etag = digest(`${stat.mtimeMs}:${stat.size}`);
    if (
      options?.etag === etag ||
      (options?.lastModifiedAfter && stat.mtime <= options.lastModifiedAfter)
    ) {
      throw new NotModifiedError();
    }
    return ReadUrlResponseFactory.fromReadable(lazyStream(file), {
      etag,
      lastModifiedAt: stat.mtime,
    });
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const dir = await this.#resolve(url);
    if (!(await fs.promises.stat(dir)).isDirectory()) {
      throw new NotFoundError(`${url} is not a folder`);
    }
    const files = await listFiles(dir);
    const etag = digest(
      files.map(f => `${f.path}:${f.stat.mtimeMs}:${f.stat.size}`).join('\n'),
    );
    if (options?.etag === etag) throw new NotModifiedError();
    const selected = options?.filter
      ? files.filter(f => options.filter!(f.path, { size: f.stat.size }))
      : files;
    const response = await this.#treeResponseFactory.fromReadableArray(
      selected.map(f => ({
        data: lazyStream(f.absolute),
        path: f.path,
        lastModifiedAt: f.stat.mtime,
      })),
    );
    // The factory's response has no etag of its own for plain files.
    return {
      files: () => response.files(),
      archive: () => response.archive(),
      dir: dirOptions => response.dir(dirOptions),
      etag,
    };
  }

  async search(
    url: string,
    options?: UrlReaderServiceSearchOptions,
  ): Promise<UrlReaderServiceSearchResponse> {
    if (/[*?]/.test(new URL(url).pathname)) {
      throw new Error(
        `Unsupported search pattern URL ${url}: local repositories are read file by file`,
      );
    }
    try {
      const data = await this.readUrl(url, options);
      return {
        files: [
          {
            url,
            content: () => data.buffer(),
            lastModifiedAt: data.lastModifiedAt,
          },
        ],
        etag: data.etag ?? '',
      };
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') {
        return { files: [], etag: '' };
      }
      throw error;
    }
  }

  toString() {
    return `localRepositories{root=${this.#root}}`;
  }
}

/**
 * Adds the reader of local repositories to the backend's URL reader: add it
 * to the backend with `agentic:publish:local`, so that `catalog:register`
 * accepts the `catalogInfoUrl` that action outputs.
 */
export const localRepositoryUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return LocalRepositoryUrlReader.factory;
  },
});
