import {
  Page,
  PluginApiClient,
  PluginApiClientOptions,
  RequestOptions,
  toSearch,
} from '@agentic-devops/plugin-agentic-common';
import { ComplianceReport } from '../report';
import { PolicyScan, ScanTrendPoint, ScanTrigger } from '../scan';
import { Waiver, WaiverRequest, WaiverStatus } from '../waiver';

export const POLICY_PLUGIN_ID = 'policy';

export interface ListScansQuery {
  entityRef?: string;
  /** Only scans of these triggers (all when absent). */
  trigger?: ScanTrigger[];
  offset?: number;
  limit?: number;
}

/** The Policy agent's REST API (`/api/policy`). */
export interface PolicyApi {
  listScans(
    query?: ListScansQuery,
    options?: RequestOptions,
  ): Promise<Page<PolicyScan>>;
  getScan(id: string, options?: RequestOptions): Promise<PolicyScan>;
  /** The entity's latest scan, undefined when it has none. */
  getLatestScan(
    entityRef: string,
    options?: RequestOptions,
  ): Promise<PolicyScan | undefined>;
  getTrend(
    entityRef: string,
    options?: RequestOptions,
  ): Promise<ScanTrendPoint[]>;
  listWaivers(
    query?: { entityRef?: string; status?: WaiverStatus[] },
    options?: RequestOptions,
  ): Promise<Waiver[]>;
  requestWaiver(
    request: WaiverRequest,
    options?: RequestOptions,
  ): Promise<Waiver>;
  approveWaiver(id: string, options?: RequestOptions): Promise<Waiver>;
  rejectWaiver(id: string, options?: RequestOptions): Promise<Waiver>;
  /** As CSV: `complianceReportToCsv` (the backend serves it at /report.csv). */
  getComplianceReport(options?: RequestOptions): Promise<ComplianceReport>;
}

export class PolicyClient extends PluginApiClient implements PolicyApi {
  constructor(options: PluginApiClientOptions) {
    super(POLICY_PLUGIN_ID, options);
  }

  async listScans(query: ListScansQuery = {}, options?: RequestOptions) {
    return (
      await this.request<Page<PolicyScan>>(
        'GET',
        `/scans${toSearch({ ...query })}`,
        options,
      )
    ).body;
  }

  async getScan(id: string, options?: RequestOptions) {
    return (
      await this.request<PolicyScan>(
        'GET',
        `/scans/${encodeURIComponent(id)}`,
        options,
      )
    ).body;
  }

  /** Of the whole source: a merge request's scan sees only its changed files. */
  async getLatestScan(entityRef: string, options?: RequestOptions) {
    const page = await this.listScans(
      { entityRef, trigger: ['api', 'scaffolder', 'workflow'], limit: 1 },
      options,
    );
    return page.items[0];
  }

  async getTrend(entityRef: string, options?: RequestOptions) {
    return (
      await this.request<{ points: ScanTrendPoint[] }>(
        'GET',
        `/trend${toSearch({ entityRef })}`,
        options,
      )
    ).body.points;
  }

  async listWaivers(
    query: { entityRef?: string; status?: WaiverStatus[] } = {},
    options?: RequestOptions,
  ) {
    return (
      await this.request<{ items: Waiver[] }>(
        'GET',
        `/waivers${toSearch({ ...query })}`,
        options,
      )
    ).body.items;
  }

  async requestWaiver(request: WaiverRequest, options?: RequestOptions) {
    return (await this.request<Waiver>('POST', '/waivers', options, request))
      .body;
  }

  async approveWaiver(id: string, options?: RequestOptions) {
    return (
      await this.request<Waiver>(
        'POST',
        `/waivers/${encodeURIComponent(id)}/approve`,
        options,
        {},
      )
    ).body;
  }

  async rejectWaiver(id: string, options?: RequestOptions) {
    return (
      await this.request<Waiver>(
        'POST',
        `/waivers/${encodeURIComponent(id)}/reject`,
        options,
        {},
      )
    ).body;
  }

  async getComplianceReport(options?: RequestOptions) {
    return (await this.request<ComplianceReport>('GET', '/report', options))
      .body;
  }
}
