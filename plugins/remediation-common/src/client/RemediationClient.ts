import {
  Page,
  PluginApiClient,
  PluginApiClientOptions,
  RequestOptions,
  toSearch,
} from '@agentic-devops/plugin-agentic-common';
import { Diagnosis, EvidenceLine } from '../diagnosis';
import {
  Remediation,
  RemediationStats,
  RemediationStatus,
} from '../remediation';

export const REMEDIATION_PLUGIN_ID = 'remediation';

export interface ListRemediationsQuery {
  entityRef?: string;
  status?: RemediationStatus[];
  offset?: number;
  limit?: number;
}

export type LocalRunRequest = {
  /** The repository's directory, on the portal's machine. */
  repoDir: string;
  /** The branch to run (default: the one checked out). */
  ref?: string;
  /** The catalog entity the repository belongs to, for owners and the entity page. */
  entityRef?: string;
};

export type LocalRunResult = {
  pipeline: { id: string; status: string; ref: string };
  /** One per failed job; empty when the pipeline passed. */
  remediations: Remediation[];
};

/** The Remediation agent's REST API (`/api/remediation`). */
export interface RemediationApi {
  listRemediations(
    query?: ListRemediationsQuery,
    options?: RequestOptions,
  ): Promise<Page<Remediation>>;
  getRemediation(id: string, options?: RequestOptions): Promise<Remediation>;
  /** The redacted end of the failed job's log, as the agent kept it. */
  getLog(
    id: string,
    options?: RequestOptions,
  ): Promise<{ lines: EvidenceLine[] }>;
  approve(
    id: string,
    comment?: string,
    options?: RequestOptions,
  ): Promise<Remediation>;
  reject(
    id: string,
    comment?: string,
    options?: RequestOptions,
  ): Promise<Remediation>;
  getStats(
    query?: { entityRef?: string },
    options?: RequestOptions,
  ): Promise<RemediationStats>;
  /**
   * Runs a local repository's pipeline (the embedded default's runner) and
   * starts a remediation for each failed job.
   */
  startLocal(
    request: LocalRunRequest,
    options?: RequestOptions,
  ): Promise<LocalRunResult>;
  /** Diagnoses a log with the portal's playbooks and reasoning service. */
  analyze(log: string, options?: RequestOptions): Promise<Diagnosis>;
}

export class RemediationClient
  extends PluginApiClient
  implements RemediationApi
{
  constructor(options: PluginApiClientOptions) {
    super(REMEDIATION_PLUGIN_ID, options);
  }

  async listRemediations(
    query: ListRemediationsQuery = {},
    options?: RequestOptions,
  ) {
    return (
      await this.request<Page<Remediation>>(
        'GET',
        `/remediations${toSearch({ ...query })}`,
        options,
      )
    ).body;
  }

  async getRemediation(id: string, options?: RequestOptions) {
    return (
      await this.request<Remediation>(
        'GET',
        `/remediations/${encodeURIComponent(id)}`,
        options,
      )
    ).body;
  }

  async getLog(id: string, options?: RequestOptions) {
    return (
      await this.request<{ lines: EvidenceLine[] }>(
        'GET',
        `/remediations/${encodeURIComponent(id)}/log`,
        options,
      )
    ).body;
  }

  async approve(id: string, comment?: string, options?: RequestOptions) {
    return (
      await this.request<Remediation>(
        'POST',
        `/remediations/${encodeURIComponent(id)}/approve`,
        options,
        { comment },
      )
    ).body;
  }

  async reject(id: string, comment?: string, options?: RequestOptions) {
    return (
      await this.request<Remediation>(
        'POST',
        `/remediations/${encodeURIComponent(id)}/reject`,
        options,
        { comment },
      )
    ).body;
  }

  async getStats(query: { entityRef?: string } = {}, options?: RequestOptions) {
    return (
      await this.request<RemediationStats>(
        'GET',
        `/stats${toSearch(query)}`,
        options,
      )
    ).body;
  }

  async startLocal(request: LocalRunRequest, options?: RequestOptions) {
    return (
      await this.request<LocalRunResult>(
        'POST',
        '/local/runs',
        options,
        request,
      )
    ).body;
  }

  async analyze(log: string, options?: RequestOptions) {
    return (await this.request<Diagnosis>('POST', '/analyze', options, log))
      .body;
  }
}
