import { PlannerClient } from '@agentic-devops/plugin-agentic-common';
import { agenticPlugin, plannerApiRef } from './index';

describe('agenticPlugin', () => {
  it('is the agentic plugin with a root route', () => {
    expect(agenticPlugin.getId()).toBe('agentic');
    expect(agenticPlugin.routes.root).toBeDefined();
    expect(plannerApiRef.id).toBe('plugin.agentic.planner');
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
});
