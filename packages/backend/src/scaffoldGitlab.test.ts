import { FakeGitlab } from '@agentic-devops/plugin-gitlab-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  callPortal,
  runEvents,
  submitMicroservice,
  waitForMicroserviceTemplate,
  waitForRunEnd,
} from './__testUtils__/portalApi';
import { Portal, startPortal } from './__testUtils__/startPortal';

// The microservice template publishing to GitLab, on the real backend:
// Backstage's own publish:gitlab creates the project and pushes over git's
// HTTP protocol, and catalog:register reads the service back through the
// GitLab integration, here a fake GitLab on 127.0.0.1.
jest.setTimeout(240_000);

describe('the microservice template, published to GitLab', () => {
  let dataDir: string;
  let gitlab: FakeGitlab;
  let portal: Portal;
  let token: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-scaffold-gl-'));
    gitlab = await FakeGitlab.start();
    gitlab.addGroup('payments');
    portal = await startPortal({
      database: {
        client: 'better-sqlite3',
        connection: { directory: path.join(dataDir, 'sqlite') },
      },
      overrides: {
        integrations: { gitlab: [gitlab.integrationConfig()] },
        scaffolder: {
          localPublish: { directory: path.join(dataDir, 'repositories') },
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
    await gitlab?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the project, pushes the service, registers it from GitLab, and its workflow follows along', async () => {
    const taskId = await submitMicroservice(portal, token, {
      name: 'orders-gl',
      description: 'Orders, kept in GitLab',
      owner: 'group:default/payments-team',
      language: 'go',
      database: 'dynamodb',
      apiType: 'rest',
      publishTo: 'gitlab',
      repoUrl: `${gitlab.host}?owner=payments&repo=orders-gl`,
    });
    const status = await waitForRunEnd(portal, token, taskId);
    const events = await runEvents(portal, token, taskId);
    if (status !== 'completed') {
      throw new Error(
        `the run ${status}:\n${events
          .map(e => e.body.message)
          .slice(-10)
          .join('\n')}\n${JSON.stringify(
          gitlab.requests
            .slice(-6)
            .map(r => [r.method, r.path, r.query, r.route, r.authorized]),
        )}\n${portal
          .output()
          .split('\n')
          .filter(l => /catalog/.test(l) && /warn|error/.test(l))
          .slice(-5)
          .join('\n')}`,
      );
    }
    const byStatus = (wanted: string) =>
      events.filter(e => e.body.status === wanted).map(e => e.body.stepId);
    expect(byStatus('skipped')).toEqual(['publish-local', 'register-local']);
    expect(byStatus('completed')).toEqual(
      expect.arrayContaining(['publish-gitlab', 'register-gitlab']),
    );

    // publish:gitlab created the project as the template asks...
    const [created] = gitlab.requestsTo('POST /projects');
    expect(created.body).toMatchObject({
      namespace_id: 1,
      name: 'orders-gl',
      path: 'orders-gl',
      visibility: 'private',
      description: 'Orders, kept in GitLab',
    });
    // ...and pushed the generated service to its main branch over git.
    expect(gitlab.requestsTo('GIT /git-receive-pack')).toHaveLength(1);
    const project = gitlab.project('payments/orders-gl');
    const files = project.commits.get(project.branches.get('main')!)!.files;
    for (const file of [
      'catalog-info.yaml',
      'openapi.yaml',
      'Dockerfile',
      '.gitlab-ci.yml',
      'go.mod',
      'terraform/main.tf',
      'mkdocs.yml',
    ]) {
      expect({ file, pushed: files.has(file) }).toEqual({ file, pushed: true });
    }
    const [component] = String(files.get('catalog-info.yaml'))
      .split(/^---$/m)
      .map(doc => parse(doc));
    expect(component.metadata.annotations['gitlab.com/project-slug']).toBe(
      'payments/orders-gl',
    );

    // The catalog read it back through the GitLab integration.
    const entity = await callPortal(
      portal,
      token,
      'GET',
      '/catalog/entities/by-name/component/default/orders-gl',
    );
    expect(entity.status).toBe(200);
    expect(entity.body.spec.owner).toBe('group:default/payments-team');
    expect(
      entity.body.metadata.annotations['backstage.io/managed-by-location'],
    ).toBe(
      `url:${gitlab.url}/payments/orders-gl/-/blob/main/catalog-info.yaml`,
    );
    const api = await callPortal(
      portal,
      token,
      'GET',
      '/catalog/entities/by-name/api/default/orders-gl',
    );
    expect(api.body.spec.definition).toBe(files.get('openapi.yaml'));

    // Its policy scan is recorded for it (its Policy card), with no finding
    // at high or above.
    const { body: scans } = await callPortal(
      portal,
      token,
      'GET',
      `/policy/scans?entityRef=${encodeURIComponent(
        'component:default/orders-gl',
      )}`,
    );
    expect(scans.items).toHaveLength(1);
    expect(scans.items[0].summary.files).toBeGreaterThan(0);
    expect(
      scans.items[0].findings.filter((f: any) =>
        ['high', 'critical'].includes(f.severity),
      ),
    ).toEqual([]);

    // The workflow followed the GitLab steps.
    const { body: page } = await callPortal(
      portal,
      token,
      'GET',
      `/planner/workflows?entityRef=${encodeURIComponent(
        'component:default/orders-gl',
      )}`,
    );
    const { body: workflow } = await callPortal(
      portal,
      token,
      'GET',
      `/planner/workflows/${page.items[0].id}`,
    );
    expect(workflow.status).toBe('succeeded');
    const publish = workflow.tasks.find((t: any) => t.key === 'publish');
    expect(publish.output.steps).toEqual({
      'publish-local': 'skipped',
      'publish-gitlab': 'completed',
    });
  });
});
