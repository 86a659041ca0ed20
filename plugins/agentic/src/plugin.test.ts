import { PlannerClient } from '@agentic-devops/plugin-agentic-common';
import { RemediationClient } from '@agentic-devops/plugin-remediation-common';
import { PolicyClient } from '@agentic-devops/plugin-policy-common';
import {
  agenticPlugin,
  plannerApiRef,
  policyApiRef,
  remediationApiRef,
} from './index';

describe('agenticPlugin', () => {
  it('is the agentic plugin with a root route', () => {
    expect(agenticPlugin.getId()).toBe('agentic');
    expect(agenticPlugin.routes.root).toBeDefined();
    expect(plannerApiRef.id).toBe('plugin.agentic.planner');
    expect(agenticPlugin.routes.remediation).toBeDefined();
    expect(agenticPlugin.routes.policy).toBeDefined();
  });

  it('provides the Planner API as a PlannerClient over discovery and fetch', async () => {
    const factory = [...agenticPlugin.getApis()].find(
      f => f.api.id === plannerApiRef.id,
    );
    expect(factory).toBeDefined();
    const fetchApi = {
      fetch: jest.fn(async () => new Response(JSON.stringify({ items: [] }))),
    };
    const discoveryApi = {
      getBaseUrl: jest.fn(async (id: string) => `http://backend/api/${id}`),
    };
    const client = factory!.factory({ discoveryApi, fetchApi } as any);
    expect(client).toBeInstanceOf(PlannerClient);

    await (client as PlannerClient).listWorkflows({ limit: 5 });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('planner');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      'http://backend/api/planner/workflows?limit=5',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('provides the Remediation API as a RemediationClient over discovery and fetch', async () => {
    const factory = [...agenticPlugin.getApis()].find(
      f => f.api.id === remediationApiRef.id,
    );
    expect(factory).toBeDefined();
    const lines = [
      { line: 42, text: "ModuleNotFoundError: No module named 'yaml'" },
    ];
    const fetchApi = {
      fetch: jest.fn(async () => new Response(JSON.stringify({ lines }))),
    };
    const discoveryApi = {
      getBaseUrl: jest.fn(async (id: string) => `http://backend/api/${id}`),
    };
    const client = factory!.factory({ discoveryApi, fetchApi } as any);
    expect(client).toBeInstanceOf(RemediationClient);

    await expect(
      (client as RemediationClient).getLog('rem 1'),
    ).resolves.toEqual({ lines });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('remediation');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      'http://backend/api/remediation/remediations/rem%201/log',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('provides the Policy API as a PolicyClient over discovery and fetch', async () => {
    const factory = [...agenticPlugin.getApis()].find(
      f => f.api.id === policyApiRef.id,
    );
    expect(factory).toBeDefined();
    const fetchApi = {
      fetch: jest.fn(async () => new Response(JSON.stringify({ items: [] }))),
    };
    const discoveryApi = {
      getBaseUrl: jest.fn(async (id: string) => `http://backend/api/${id}`),
    };
    const client = factory!.factory({ discoveryApi, fetchApi } as any);
    expect(client).toBeInstanceOf(PolicyClient);

    await expect(
      (client as PolicyClient).listWaivers({
        entityRef: 'component:default/checkout-service',
      }),
    ).resolves.toEqual([]);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('policy');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      'http://backend/api/policy/waivers?entityRef=component%3Adefault%2Fcheckout-service',
      expect.objectContaining({ method: 'GET' }),
    );
  });
});
