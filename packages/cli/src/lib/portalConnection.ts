import { PlannerClient } from '@agentic-devops/plugin-agentic-common';
import { RemediationClient } from '@agentic-devops/plugin-remediation-common';

export interface PortalOptions {
  /** The backend's base URL; AGENTIC_BACKEND_URL or the embedded default's. */
  backendUrl?: string;
  /** A Backstage token; BACKSTAGE_TOKEN, or a guest sign-in when the backend allows it. */
  token?: string;
}

export interface PortalConnection {
  planner: PlannerClient;
  remediation: RemediationClient;
  token: string;
  backendUrl: string;
}

/** Connects to a running portal: its backend URL and a token to call it with. */
export async function connectToPortal(
  options: PortalOptions,
  env: Record<string, string | undefined> = process.env,
): Promise<PortalConnection> {
  const backendUrl = (
    options.backendUrl ??
    env.AGENTIC_BACKEND_URL ??
    'http://localhost:7007'
  ).replace(/\/+$/, '');
  let token = options.token ?? env.BACKSTAGE_TOKEN;
  if (!token) {
    let response: Response;
    try {
      response = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
    } catch (error) {
      throw new Error(
        `Cannot reach the portal at ${backendUrl} (${
          (error as Error).message
        }); is it running (make start)? Set --backend-url or AGENTIC_BACKEND_URL.`,
      );
    }
    if (!response.ok) {
      throw new Error(
        `Guest sign-in at ${backendUrl} failed (${response.status}); pass a token with --token or BACKSTAGE_TOKEN`,
      );
    }
    token = (await response.json()).backstageIdentity.token as string;
  }
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) => `${backendUrl}/api/${pluginId}`,
  };
  return {
    planner: new PlannerClient({ discoveryApi }),
    remediation: new RemediationClient({ discoveryApi }),
    token,
    backendUrl,
  };
}
