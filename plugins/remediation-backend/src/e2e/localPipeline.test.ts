import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import plannerPlugin from '@agentic-devops/plugin-planner-backend';
import remediationModuleLocal from '@agentic-devops/plugin-remediation-backend-module-local';
import { createMissingPythonPackageRepository } from '@agentic-devops/plugin-remediation-backend-module-local/testUtils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import remediationPlugin, { plannerModuleRemediation } from '..';
import {
  capturedNotifications,
  entities,
  PLAYBOOKS_DIR,
} from '../__testUtils__/startTestAgent';

jest.setTimeout(120_000);

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

/**
 * The embedded default, end to end: a local repository whose pipeline fails
 * for a missing Python package; the agent diagnoses the job log, adds the
 * package on a branch of the repository, re-runs the pipeline there and it
 * passes. The record is read back through the REST API.
 */
describe('remediating a local repository', () => {
  let tmp: string;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const notifications: any[] = [];

  beforeAll(async () => {
    tmp = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-e2e-')),
    );
    backend = await startTestBackend({
      features: [
        plannerPlugin,
        plannerModuleRemediation,
        remediationPlugin,
        remediationModuleLocal,
        schedulerServiceFactory,
        capturedNotifications(notifications),
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            planner: {
              worker: { pollIntervalMs: 100, leaseSeconds: 30 },
              retry: { initialDelayMs: 50, maxDelayMs: 200 },
            },
            remediation: {
              playbooks: { directory: PLAYBOOKS_DIR },
              verify: { pollSeconds: 1 },
              local: {
                dataDirectory: path.join(tmp, 'data'),
                repositoryRoots: [tmp],
              },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('fixes the pipeline on a branch, re-runs it green, and shows the record', async () => {
    const repo = await createMissingPythonPackageRepository(
      path.join(tmp, 'settings-service'),
    );
    const api = request(backend.server);
    const user = mockCredentials.user.header('user:default/alice');

    const run = await api
      .post('/api/remediation/local/runs')
      .set('Authorization', user)
      .send({ repoDir: repo.path, entityRef: 'component:default/checkout' });
    expect(run.status).toBe(200);
    expect(run.body.pipeline).toMatchObject({ status: 'failed', ref: 'main' });
    expect(run.body.remediations).toHaveLength(1);
    const id = run.body.remediations[0].id;

    let record: any;
    const deadline = Date.now() + 100_000;
    do {
      await new Promise(r => setTimeout(r, 500));
      record = (
        await api
          .get(`/api/remediation/remediations/${id}`)
          .set('Authorization', user)
      ).body;
    } while (
      !['fixed', 'failed', 'not_fixable', 'gave_up'].includes(record.status) &&
      Date.now() < deadline
    );

    expect(record).toMatchObject({
      status: 'fixed',
      source: 'local',
      project: repo.path,
      jobName: 'test',
      entityRef: 'component:default/checkout',
      diagnosis: {
        category: 'missing_python_package',
        playbookId: 'pb-dep-001',
        rootCause: expect.stringContaining("No module named 'yaml'"),
        autoFixable: true,
      },
    });
    expect(record.branch).toMatch(/^agentic\/fix\//);
    expect(record.resolvedAt).toBeDefined();

    // The fix is a branch of the user's repository; main is untouched.
    expect(git(repo.path, 'show', `${record.branch}:requirements.txt`)).toMatch(
      /^PyYAML\b/m,
    );
    expect(git(repo.path, 'show', 'main:requirements.txt')).not.toMatch(
      /PyYAML/,
    );
    expect(git(repo.path, 'rev-parse', 'main')).toBe(repo.commitSha.trim());

    const log = await api
      .get(`/api/remediation/remediations/${id}/log`)
      .set('Authorization', user);
    expect(log.body.lines.map((l: any) => l.text).join('\n')).toContain(
      "ModuleNotFoundError: No module named 'yaml'",
    );

    const workflow = await api
      .get(`/api/planner/workflows/${record.workflowIds[0]}`)
      .set('Authorization', user);
    expect(workflow.body.tasks.map((t: any) => `${t.key}:${t.status}`)).toEqual(
      [
        'diagnose:succeeded',
        'decide:succeeded',
        'fix:succeeded',
        'verify:succeeded',
        'notify:succeeded',
      ],
    );
    expect(notifications).toContainEqual(
      expect.objectContaining({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/payments-team',
        },
      }),
    );
  });
});
