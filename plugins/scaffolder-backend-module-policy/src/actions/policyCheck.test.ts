import { createPolicyScanner } from '@agentic-devops/plugin-policy-node';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import { writeTestPolicies } from '../__testUtils__/testPolicies';
import { ScanRecord } from '../PolicyScanRecorder';
import {
  createPolicyCheckAction,
  describeFinding,
  ScanRecorder,
} from './policyCheck';

const policiesDir = createMockDirectory();
const workspace = createMockDirectory();

const DOCKERFILE = ['FROM node:20.17-alpine3.20', 'CMD ["node", "index.js"]'];

describe('agentic:policy:check', () => {
  const scanner = createPolicyScanner({
    policiesDirectory: writeTestPolicies(policiesDir.path),
  });
  let recorded: ScanRecord[];
  let recorder: jest.Mocked<ScanRecorder>;
  let logger: ReturnType<typeof mockServices.logger.mock>;

  beforeEach(() => {
    workspace.setContent({
      Dockerfile: DOCKERFILE.join('\n'),
      'config/app.env': [
        'PORT=8080',
        'DATABASE_URL=postgres://app:S3cr3t-Passw0rd@db:5432/app',
      ].join('\n'),
      'docs/README.md': '# The service',
    });
    recorded = [];
    recorder = {
      record: jest.fn(async scan => {
        recorded.push(scan);
        return { id: 'scan-1' };
      }),
    };
    logger = mockServices.logger.mock();
  });

  const run = (
    input: Record<string, string>,
    overrides: Partial<ActionContext<any, any>> = {},
  ) => {
    // createMockActionContext passes only some fields through (not isDryRun).
    const ctx = {
      ...createMockActionContext({
        input,
        workspacePath: workspace.path,
        logger,
        templateInfo: {
          entityRef: 'template:default/service',
          entity: { metadata: { name: 'service' } },
        },
      }),
      ...overrides,
    };
    const action = createPolicyCheckAction({ scanner, recorder });
    return { ctx, done: action.handler(ctx as any) };
  };

  const logged = (level: 'error' | 'warn' | 'info') =>
    logger[level].mock.calls.map(call => String(call[0]));

  it('fails on findings at or above high by default, listing only those, with every finding in the log', async () => {
    const { ctx, done } = run({ entityRef: 'component:default/payments' });
    await expect(done).rejects.toThrow(
      /^Policy check failed: 1 finding at high or worse:\n- \[critical\] hardcoded-secret config\/app\.env:2: A secret is written into the file \(url-password S3cr\*+\) Fix: Remove the secret/,
    );
    await expect(done).rejects.not.toThrow(/docker-root-user/);

    expect(logged('error')).toEqual([
      expect.stringMatching(
        /^\[critical\] hardcoded-secret config\/app\.env:2: A secret .*Fix: Remove the secret/,
      ),
    ]);
    expect(logged('warn')).toEqual([
      expect.stringMatching(
        /^\[medium\] docker-root-user Dockerfile:1: The image runs as root.*\(no USER in the final stage.*\) Fix: Create an unprivileged user/,
      ),
    ]);
    expect(logged('error').join('\n')).not.toContain('S3cr3t-Passw0rd');

    expect(ctx.output).toHaveBeenCalledWith('findings', 2);
    expect(ctx.output).toHaveBeenCalledWith('bySeverity', {
      critical: 1,
      high: 0,
      medium: 1,
      low: 0,
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'report',
      expect.objectContaining({
        findings: [
          expect.objectContaining({ ruleId: 'hardcoded-secret' }),
          expect.objectContaining({ ruleId: 'docker-root-user' }),
        ],
      }),
    );
    expect(recorded).toEqual([
      {
        report: expect.objectContaining({
          summary: expect.objectContaining({ findings: 2 }),
        }),
        entityRef: 'component:default/payments',
        trigger: 'scaffolder',
        target: 'service',
      },
    ]);
    expect(logged('info')).toContain(
      'Scan recorded in the policy plugin as scan-1',
    );
  });

  it('passes when no finding reaches failOn', async () => {
    fs.rmSync(workspace.resolve('config/app.env'));
    const { ctx, done } = run({ failOn: 'high' });
    await expect(done).resolves.toBeUndefined();
    expect(ctx.output).toHaveBeenCalledWith('findings', 1);
    expect(logged('warn')).toEqual([
      expect.stringMatching(/^\[medium\] docker-root-user Dockerfile:1: /),
    ]);
    expect(logged('error')).toEqual([]);
  });

  it('fails on a medium finding with failOn low', async () => {
    fs.rmSync(workspace.resolve('config/app.env'));
    await expect(run({ failOn: 'low' }).done).rejects.toThrow(
      /1 finding at low or worse:\n- \[medium\] docker-root-user Dockerfile:1: /,
    );
  });

  it('scans only the given path, naming files relative to the workspace', async () => {
    workspace.addContent({
      'infra/Dockerfile': [...DOCKERFILE, 'USER 10001'].join('\n'),
    });
    const { ctx, done } = run({ path: 'infra', failOn: 'low' });
    await expect(done).resolves.toBeUndefined();
    expect(ctx.output).toHaveBeenCalledWith('findings', 0);
    expect(recorded[0].report.summary.files).toBe(1);

    workspace.addContent({ 'infra/Dockerfile': DOCKERFILE.join('\n') });
    await expect(run({ path: './infra/', failOn: 'low' }).done).rejects.toThrow(
      /docker-root-user infra\/Dockerfile:1: /,
    );
  });

  it('refuses a path outside the workspace (also through a symlink), and one that does not exist', async () => {
    await expect(run({ path: '../elsewhere' }).done).rejects.toThrow(
      "Policy check: path '../elsewhere' is outside the workspace",
    );
    await expect(run({ path: '/etc' }).done).rejects.toThrow(
      "Policy check: path '/etc' is outside the workspace",
    );
    fs.symlinkSync(policiesDir.path, workspace.resolve('linked'));
    await expect(run({ path: 'linked' }).done).rejects.toThrow(
      "Policy check: path 'linked' is outside the workspace",
    );
    await expect(run({ path: 'missing' }).done).rejects.toThrow(
      "Policy check: path 'missing' does not exist in the workspace",
    );
    expect(recorder.record).not.toHaveBeenCalled();
  });

  it('only warns when the scan cannot be recorded, and still judges the findings', async () => {
    recorder.record.mockRejectedValue(
      new Error('Request failed with 503 Service Unavailable'),
    );
    const { done } = run({});
    await expect(done).rejects.toThrow(/^Policy check failed: 1 finding/);
    expect(logged('warn')).toContain(
      'Could not record the scan in the policy plugin: Request failed with 503 Service Unavailable',
    );

    fs.rmSync(workspace.resolve('config/app.env'));
    await expect(run({}).done).resolves.toBeUndefined();
  });

  it('does not record a dry run, and names the target scaffolder without a template', async () => {
    await expect(run({}, { isDryRun: true }).done).rejects.toThrow(
      /Policy check failed/,
    );
    expect(recorder.record).not.toHaveBeenCalled();

    await expect(run({}, { templateInfo: undefined }).done).rejects.toThrow(
      /Policy check failed/,
    );
    expect(recorded.map(r => r.target)).toEqual(['scaffolder']);
  });

  it('says when a finding cannot be known before apply', () => {
    expect(
      describeFinding({
        ruleId: 'rds-encryption',
        severity: 'high',
        file: 'infra/db.tf',
        line: 4,
        resource: 'aws_db_instance.main',
        message: 'Databases must be encrypted at rest',
        remediation: 'Set storage_encrypted = true',
        frameworks: ['HIPAA'],
        status: 'unknown',
        detail: 'var.encrypted has no default',
      }),
    ).toBe(
      '[high] rds-encryption infra/db.tf:4 aws_db_instance.main [cannot be known before apply]: Databases must be encrypted at rest (var.encrypted has no default) Fix: Set storage_encrypted = true',
    );
  });
});
