import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  FailedJob,
  RemediationSource,
} from '@agentic-devops/plugin-remediation-node';

/** The sources modules registered (GitLab, local), by id. */
export class SourceRegistry {
  readonly #sources = new Map<string, RemediationSource>();

  add(source: RemediationSource) {
    if (this.#sources.has(source.id)) {
      throw new ConflictError(
        `A remediation source with id '${source.id}' is already registered`,
      );
    }
    this.#sources.set(source.id, source);
  }

  find(id: string): RemediationSource | undefined {
    return this.#sources.get(id);
  }

  /** The source of a job; a job whose source is no longer installed cannot be worked on. */
  of(job: Pick<FailedJob, 'source'>): RemediationSource {
    const source = this.#sources.get(job.source);
    if (!source) {
      throw new NotFoundError(
        `No remediation source '${job.source}' is installed (add its backend module)`,
      );
    }
    return source;
  }

  all(): RemediationSource[] {
    return [...this.#sources.values()];
  }
}
