import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  callPortal,
  runEvents,
  submitMicroservice,
  waitForMicroserviceTemplate,
  waitForRunEnd,
} from './__testUtils__/portalApi';
import { Portal, startPortal } from './__testUtils__/startPortal';

// The microservice template on the real backend, where a run goes wrong:
// bad input is refused before anything is written, and a run that fails
// mid-way (here: the policy check, after the files were generated) leaves
// no entity, location or repository, and its workflow says why.
jest.setTimeout(240_000);

const service = (name: string, more: Record<string, string> = {}) => ({
  name,
  description: `Test service ${name}`,
  owner: 'group:default/payments-team',
  language: 'python',
  database: 'none',
  apiType: 'rest',
  publishTo: 'local',
  ...more,
});

describe('the microservice template, when a run goes wrong', () => {
  let dataDir: string;
  let repositories: string;
  let portal: Portal;
  let token: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-scaffold-'));
    repositories = path.join(dataDir, 'repositories');
    // The portal's policies are one critical rule every Dockerfile breaks,
    // so every run fails at its policy step, after generating the files.
    const policies = path.join(dataDir, 'policies', 'dockerfile');
    fs.mkdirSync(policies, { recursive: true });
    fs.writeFileSync(
      path.join(policies, 'no-dockerfiles.yaml'),
      stringify({
        id: 'no-dockerfiles',
        title: 'No Dockerfiles here',
        severity: 'critical',
        frameworks: ['Test'],
        resources: { kind: 'dockerfile', types: ['Dockerfile'] },
        compliant: 'false',
        message: 'This portal takes no Dockerfile.',
        remediation: 'None: it is a test.',
      }),
    );
    portal = await startPortal({
      database: {
        client: 'better-sqlite3',
        connection: { directory: path.join(dataDir, 'sqlite') },
      },
      overrides: {
        scaffolder: { localPublish: { directory: repositories } },
        policy: {
          rules: { directory: path.join(dataDir, 'policies') },
        },
        remediation: {
          local: { dataDirectory: path.join(dataDir, 'remediation') },
        },
      },
    });
    token = await portal.guestToken();
    await waitForMicroserviceTemplate(portal, token);
  });

  afterAll(async () => {
    await portal?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const entity = (ref: string) =>
    callPortal(
      portal,
      token,
      'GET',
      `/catalog/entities/by-name/${ref.replace(':', '/')}`,
    );
  const locationsNaming = async (name: string) => {
    const { body } = await callPortal(
      portal,
      token,
      'GET',
      '/catalog/locations',
    );
    return (body as Array<{ data: { target: string } }>)
      .map(l => l.data.target)
      .filter(target => target.includes(name));
  };
  const workflowsOf = async (name: string) => {
    const { body } = await callPortal(
      portal,
      token,
      'GET',
      `/planner/workflows?entityRef=${encodeURIComponent(
        `component:default/${name}`,
      )}`,
    );
    return body.items as Array<{ id: string; status: string }>;
  };

  it('refuses a bad pattern or an unknown language before starting a run', async () => {
    for (const values of [
      service('Orders_API'),
      service('orders-api', { language: 'rust' }),
    ]) {
      const created = await callPortal(
        portal,
        token,
        'POST',
        '/scaffolder/v2/tasks',
        { templateRef: 'template:default/microservice', values },
      );
      expect(created.status).toBe(400);
    }
    expect(await locationsNaming('orders')).toEqual([]);
  });

  it('refuses a name the catalog has at its first step, writing nothing', async () => {
    const before = await entity('component:default/checkout-service');
    expect(before.status).toBe(200);
    const taskId = await submitMicroservice(
      portal,
      token,
      service('checkout-service'),
    );
    expect(await waitForRunEnd(portal, token, taskId)).toBe('failed');
    const events = await runEvents(portal, token, taskId);
    const failed = events.filter(e => e.body.status === 'failed');
    expect(failed.map(e => e.body.stepId)).toEqual(['validate']);
    expect(failed[0].body.message).toMatch(
      /'checkout-service' is already used by component:default\/checkout-service/,
    );
    // No step after it ran: no workflow, files or registration.
    expect(
      events
        .filter(e => e.body.status === 'processing')
        .map(e => e.body.stepId),
    ).toEqual(['validate']);
    expect(await workflowsOf('checkout-service')).toEqual([]);
    expect((await entity('component:default/checkout-service')).body).toEqual(
      before.body,
    );
  });

  it("leaves no entity, location or repository when the run fails mid-way, and its workflow fails with the step's error", async () => {
    const taskId = await submitMicroservice(portal, token, service('half-api'));
    expect(await waitForRunEnd(portal, token, taskId)).toBe('failed');

    const events = await runEvents(portal, token, taskId);
    const byStatus = (status: string) =>
      events.filter(e => e.body.status === status).map(e => e.body.stepId);
    expect(byStatus('completed')).toEqual([
      'validate',
      'workflow',
      'fetch-common',
      'fetch-language',
    ]);
    expect(byStatus('failed')).toEqual(['policy']);

    // The workflow followed the run to the failing step.
    const [workflow] = await workflowsOf('half-api');
    expect(workflow).toBeDefined();
    const details = await waitForWorkflowEnd(workflow.id);
    expect(details.status).toBe('failed');
    const tasks = Object.fromEntries(
      details.tasks.map((t: any) => [t.key, t.status]),
    );
    expect(tasks).toMatchObject({
      validate: 'succeeded',
      generate: 'succeeded',
      policy: 'failed',
    });
    for (const later of ['publish', 'register', 'catalog']) {
      expect(tasks[later]).not.toMatch(/succeeded|running/);
    }
    expect(
      details.tasks.find((t: any) => t.key === 'policy').lastError,
    ).toMatch(
      /^Step policy failed: Policy check failed: 1 finding at high or worse:\n- \[critical\] no-dockerfiles Dockerfile:1: This portal takes no Dockerfile/,
    );

    expect((await entity('component:default/half-api')).status).toBe(404);
    expect((await entity('api:default/half-api')).status).toBe(404);
    expect(await locationsNaming('half-api')).toEqual([]);
    expect(fs.existsSync(repositories)).toBe(false);
  });

  async function waitForWorkflowEnd(id: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await callPortal(
        portal,
        token,
        'GET',
        `/planner/workflows/${id}`,
      );
      if (['succeeded', 'failed', 'cancelled'].includes(body.status)) {
        return body;
      }
      if (Date.now() > deadline) {
        throw new Error(`workflow ${id} still ${body.status}`);
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }
});
