import type {
  ChangedFile,
  MergeRequestGateIntake,
  MergeRequestRef,
  MergeRequestSource,
} from '@agentic-devops/plugin-policy-node';
import {
  GitlabClient,
  GitlabClients,
  GitlabConnection,
} from '@agentic-devops/plugin-gitlab-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import { listChangedPaths } from './changes/listChangedPaths';
import { listModuleFiles } from './changes/listModuleFiles';
import { readFileAtHead } from './changes/readFileAtHead';
import {
  folderOf,
  isTerraformModuleFile,
} from './changes/terraformModuleFiles';
import { CurrentUsers } from './notes/CurrentUsers';
import { upsertMergeRequestNote } from './notes/upsertMergeRequestNote';
import { parseMergeRequestEvent } from './parseMergeRequestEvent';
import { setHeadCommitStatus } from './statuses/setHeadCommitStatus';

/** The events topic Backstage's events GitLab module routes merge request hooks to. */
export const GITLAB_MERGE_REQUEST_TOPIC = 'gitlab.merge_request';

/** Files above this are not read (generated code, vendored bundles, dumps). */
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export interface GitlabMergeRequestSourceOptions {
  /** The GitLab integrations with a token (see `readGitlabConnections`). */
  connections: GitlabConnection[];
  events: EventsService;
  logger: LoggerService;
  /** Changed files larger than this are left out (default 1 MiB). */
  maxFileBytes?: number;
}

const nameOf = (mergeRequest: MergeRequestRef) =>
  `${mergeRequest.project}!${mergeRequest.number}`;

/**
 * GitLab merge requests for the Policy agent: pushes arrive as merge
 * request webhooks through the events service; changed files, the agent's
 * note and the commit status go through its REST API (@gitbeaker/rest).
 * Merge requests name their project by path with namespace
 * (`group/project`).
 */
export class GitlabMergeRequestSource implements MergeRequestSource {
  readonly id = 'gitlab' as const;
  readonly #clients: GitlabClients;
  readonly #events: EventsService;
  readonly #logger: LoggerService;
  readonly #maxFileBytes: number;
  readonly #users = new CurrentUsers();

  constructor(options: GitlabMergeRequestSourceOptions) {
    this.#clients = new GitlabClients(options.connections);
    this.#events = options.events;
    this.#logger = options.logger;
    this.#maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  async subscribe(intake: MergeRequestGateIntake): Promise<void> {
    await this.#events.subscribe({
      id: 'policy-gitlab-merge-requests',
      topics: [GITLAB_MERGE_REQUEST_TOPIC],
      onEvent: async ({ eventPayload }) => {
        await this.#takeIn(intake, eventPayload);
      },
    });
  }

  /** Never throws: a bad event or a failing review must not upset the bus. */
  async #takeIn(intake: MergeRequestGateIntake, payload: unknown) {
    const parsed = parseMergeRequestEvent(payload);
    if ('error' in parsed) {
      this.#logger.warn(
        `Dropped a ${GITLAB_MERGE_REQUEST_TOPIC} event: ${parsed.error}`,
      );
      return;
    }
    if ('ignored' in parsed) {
      this.#logger.debug(`Not reviewing ${parsed.ignored}`);
      return;
    }
    const mergeRequest = parsed.review;
    // Not awaited: GitLab gives a webhook about ten seconds, and the events
    // service answers it only after every subscriber is done. The review
    // (files, scan, note, status) takes longer on a large merge request; a
    // lost review is redone by the next push, and the stored scan makes a
    // redelivery cheap.
    intake
      .review(mergeRequest)
      .catch(error =>
        this.#logger.error(
          `Could not review ${nameOf(mergeRequest)} at ${mergeRequest.headSha}`,
          error as Error,
        ),
      );
  }

  /**
   * The added and changed files at the head, plus the other module files
   * (`.tf`, `.tfvars`) of every folder with a changed one. Deleted, binary
   * and oversized files are left out.
   */
  async changedFiles(
    mergeRequest: MergeRequestRef,
    signal?: AbortSignal,
  ): Promise<ChangedFile[]> {
    const api = this.#api(mergeRequest);
    const changed = await listChangedPaths(api, mergeRequest, signal);
    const paths = new Set(changed);
    const moduleFolders = new Set(
      changed.filter(isTerraformModuleFile).map(folderOf),
    );
    for (const folder of moduleFolders) {
      for (const path of await listModuleFiles(
        api,
        mergeRequest,
        folder,
        signal,
      )) {
        paths.add(path);
      }
    }

    const files: ChangedFile[] = [];
    const skipped: string[] = [];
    for (const path of paths) {
      const file = await readFileAtHead(
        api,
        mergeRequest,
        path,
        this.#maxFileBytes,
        signal,
      );
      if ('content' in file) files.push({ path, content: file.content });
      else skipped.push(`${path} (${file.skipped})`);
    }
    if (skipped.length > 0) {
      this.#logger.info(
        `Not scanning in ${nameOf(mergeRequest)}: ${skipped.join(', ')}`,
      );
    }
    return files;
  }

  async upsertNote(
    mergeRequest: MergeRequestRef,
    marker: string,
    body: string,
  ): Promise<void> {
    const api = this.#api(mergeRequest);
    const authorId = await this.#users.idOf(api);
    const { noteId, created } = await upsertMergeRequestNote(
      api,
      mergeRequest,
      { authorId, marker, body },
    );
    this.#logger.info(
      `${created ? 'Added' : 'Updated'} note ${noteId} on ${nameOf(
        mergeRequest,
      )}`,
    );
  }

  async setCommitStatus(
    mergeRequest: MergeRequestRef,
    status: {
      name: string;
      state: 'pending' | 'success' | 'failed';
      description: string;
      targetUrl?: string;
    },
  ): Promise<void> {
    await setHeadCommitStatus(this.#api(mergeRequest), mergeRequest, status);
  }

  /** The client of the GitLab the merge request's URL names (else the first). */
  #api(mergeRequest: MergeRequestRef): GitlabClient {
    return this.#clients.forUrl(mergeRequest.webUrl);
  }
}
