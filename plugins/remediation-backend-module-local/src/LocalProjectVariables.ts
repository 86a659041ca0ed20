import { InputError } from '@backstage/errors';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A local repository's CI/CD variables (GitLab's project variables), kept
 * under the data directory, readable by the backend's user only, and never
 * in the repository.
 */
export class LocalProjectVariables {
  readonly #directory: string;
  #writes = Promise.resolve();

  constructor(dataDirectory: string) {
    this.#directory = path.join(path.resolve(dataDirectory), 'variables');
  }

  async get(repository: string): Promise<Record<string, string>> {
    try {
      const stored = JSON.parse(
        await fs.readFile(this.#file(repository), 'utf8'),
      );
      return stored.variables ?? {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  async set(repository: string, name: string, value: string) {
    if (!VARIABLE_NAME.test(name)) {
      throw new InputError(`'${name}' is not a valid CI/CD variable name`);
    }
    const write = this.#writes.then(async () => {
      const variables = { ...(await this.get(repository)), [name]: value };
      await fs.mkdir(this.#directory, { recursive: true, mode: 0o700 });
      const file = this.#file(repository);
      const temp = `${file}.${randomBytes(4).toString('hex')}`;
      await fs.writeFile(
        temp,
        `${JSON.stringify({ repository, variables }, null, 2)}\n`,
        { mode: 0o600 },
      );
      await fs.rename(temp, file);
    });
    this.#writes = write.catch(() => {});
    await write;
  }

  #file(repository: string) {
    const key = createHash('sha256').update(repository).digest('hex');
    return path.join(this.#directory, `${key.slice(0, 24)}.json`);
  }
}
