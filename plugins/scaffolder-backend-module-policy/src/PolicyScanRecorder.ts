import { ScanReport } from '@agentic-devops/plugin-policy-common';
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

const POLICY_PLUGIN_ID = 'policy';

export interface ScanRecord {
  report: ScanReport;
  entityRef?: string;
  trigger: 'scaffolder';
  /** What was scanned: the template's name. */
  target: string;
}

/**
 * Stores a scan with the policy plugin (`POST /api/policy/scans`), as this
 * backend (a service token for the policy plugin), so template runs count in
 * an entity's trend and the compliance report.
 */
export class PolicyScanRecorder {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  /** The stored scan's id, when the policy plugin answers with one. */
  async record(
    scan: ScanRecord,
    options: { signal?: AbortSignal } = {},
  ): Promise<{ id?: string }> {
    const { discovery, auth } = this.deps;
    const baseUrl = await discovery.getBaseUrl(POLICY_PLUGIN_ID);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: POLICY_PLUGIN_ID,
    });
    const response = await fetch(`${baseUrl}/scans`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(scan),
      signal: options.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json().catch(() => ({}))) as { id?: unknown };
    return typeof body.id === 'string' ? { id: body.id } : {};
  }
}
