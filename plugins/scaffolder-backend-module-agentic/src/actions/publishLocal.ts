import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { simpleGit } from 'simple-git';
import {
  isNonEmptyFolder,
  LOCAL_PUBLISH_DISABLED_MESSAGE,
} from '../localRepositories/localPublishDirectory';
import { examples } from './publishLocal.examples';

export const PUBLISH_LOCAL_ACTION_ID = 'agentic:publish:local';

/** A folder name that is safe everywhere: no separators, no leading dot. */
const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const DEFAULT_AUTHOR = {
  name: 'Agentic DevOps',
  email: 'agentic-devops@localhost',
};

function alreadyExists(name: string, repoPath: string) {
  return new ConflictError(
    `A repository named '${name}' already exists at ${repoPath}; nothing was written. Choose another name, or remove that folder`,
  );
}

/**
 * `agentic:publish:local`: the embedded default for publishing. Commits the
 * workspace into a new git repository `<scaffolder.localPublish.directory>/<name>`
 * (refusing one that exists, writing nothing) and outputs `file:` URLs: the
 * catalog reads `catalogInfoUrl` through the local repositories URL reader,
 * so Backstage's own `catalog:register` registers it. The repository is
 * built aside and moved into place, so a failure leaves nothing behind.
 */
export function createPublishLocalAction(options: {
  /** Undefined when local publishing is turned off: the action refuses. */
  directory: string | undefined;
}) {
  const directory = options.directory && path.resolve(options.directory);
  return createTemplateAction({
    id: PUBLISH_LOCAL_ACTION_ID,
    description:
      "Publishes the workspace as a new git repository in the portal's local repositories folder (scaffolder.localPublish.directory) and outputs a catalogInfoUrl for catalog:register",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(REPOSITORY_NAME)
            .describe(
              "The repository's folder name, e.g. the service's name; it must not exist yet",
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              "The workspace folder to publish, relative to the workspace; default '.'",
            ),
        defaultBranch: z =>
          z.string().min(1).optional().describe('Default main'),
        gitCommitMessage: z =>
          z.string().min(1).optional().describe('Default "Initial commit"'),
        gitAuthorName: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              "Default the user who runs the template, else 'Agentic DevOps'",
            ),
        gitAuthorEmail: z =>
          z
            .string()
            .min(3)
            .optional()
            .describe(
              "Default the user's email, else agentic-devops@localhost",
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              "The catalog descriptor, relative to the repository; default 'catalog-info.yaml'",
            ),
      },
      output: {
        repoPath: z => z.string().describe("The repository's folder"),
        remoteUrl: z =>
          z.string().describe('A URL to clone the repository from (file:)'),
        repoContentsUrl: z =>
          z.string().describe("The repository's files (file:, ends with /)"),
        catalogInfoUrl: z =>
          z
            .string()
            .describe(
              'The catalog descriptor as a URL catalog:register accepts (file:)',
            ),
        commitHash: z =>
          z.string().describe("The commit ('dry-run' in a dry run)"),
      },
    },
    async handler(ctx) {
      const { name } = ctx.input;
      if (!directory) {
        throw new InputError(
          `Cannot publish: ${LOCAL_PUBLISH_DISABLED_MESSAGE}`,
        );
      }
      if (!REPOSITORY_NAME.test(name)) {
        throw new InputError(
          `'${name}' is not a repository name: letters, digits, '.', '_' and '-', starting with a letter or digit`,
        );
      }
      const branch = ctx.input.defaultBranch ?? 'main';
      const repoPath = resolveSafeChildPath(directory, name);
      if (isNonEmptyFolder(repoPath)) throw alreadyExists(name, repoPath);

      let source: string;
      try {
        source = resolveSafeChildPath(
          ctx.workspacePath,
          ctx.input.sourcePath ?? '.',
        );
      } catch {
        throw new InputError(
          `sourcePath '${ctx.input.sourcePath}' is outside the workspace`,
        );
      }
      if (!isNonEmptyFolder(source)) {
        throw new InputError(
          `Nothing to publish: ${
            ctx.input.sourcePath ?? 'the workspace'
          } is empty or missing`,
        );
      }
      const catalogInfoPath = ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      const catalogInfoFile = resolveSafeChildPath(repoPath, catalogInfoPath);
      if (!fs.existsSync(resolveSafeChildPath(source, catalogInfoPath))) {
        ctx.logger.warn(
          `${catalogInfoPath} is not in the workspace: catalog:register will not find it`,
        );
      }
      const remoteUrl = pathToFileURL(repoPath).href;
      const writeOutputs = (commitHash: string) => {
        ctx.output('repoPath', repoPath);
        ctx.output('remoteUrl', remoteUrl);
        ctx.output('repoContentsUrl', `${remoteUrl}/`);
        ctx.output('catalogInfoUrl', pathToFileURL(catalogInfoFile).href);
        ctx.output('commitHash', commitHash);
      };

      const profile = ctx.user?.entity?.spec?.profile;
      const author = {
        name:
          ctx.input.gitAuthorName ??
          profile?.displayName ??
          ctx.user?.entity?.metadata.name ??
          DEFAULT_AUTHOR.name,
        email:
          ctx.input.gitAuthorEmail ?? profile?.email ?? DEFAULT_AUTHOR.email,
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit the workspace as ${author.name} <${author.email}> into ${repoPath} (branch ${branch})`,
        );
        writeOutputs('dry-run');
        return;
      }

      await fs.promises.mkdir(directory, { recursive: true });
      // Built beside its final place and renamed into it: atomic, and on the
      // same file system.
      const staging = await fs.promises.mkdtemp(
        path.join(directory, `.${name}.`),
      );
      try {
        await fs.promises.cp(source, staging, {
          recursive: true,
          filter: file =>
            !path.relative(source, file).split(path.sep).includes('.git'),
        });
        const git = simpleGit({ baseDir: staging });
        await git.init(['--initial-branch', branch]);
        await git.addConfig('user.name', author.name);
        await git.addConfig('user.email', author.email);
        await git.addConfig('commit.gpgsign', 'false');
        // Lets a clone push back to the checked-out branch, updating the
        // files the catalog reads.
        await git.addConfig('receive.denyCurrentBranch', 'updateInstead');
        await git.add('.');
        await git.commit(ctx.input.gitCommitMessage ?? 'Initial commit');
        const commitHash = (await git.revparse(['HEAD'])).trim();

        try {
          await fs.promises.rename(staging, repoPath);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOTEMPTY' || code === 'EEXIST') {
            throw alreadyExists(name, repoPath);
          }
          throw error;
        }
        ctx.logger.info(
          `Committed ${commitHash.slice(0, 12)} as ${author.name} <${
            author.email
          }> to ${branch} of ${repoPath}; clone it with: git clone ${remoteUrl}`,
        );
        writeOutputs(commitHash);
      } finally {
        await fs.promises.rm(staging, { recursive: true, force: true });
      }
    },
  });
}
