import { Command } from 'commander';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { registerRemediateCommands } from '.';

const PLAYBOOKS = path.resolve(__dirname, '../../../../../playbooks');

async function run(args: string[]) {
  const lines: string[] = [];
  const program = new Command('agentic').exitOverride();
  registerRemediateCommands(program, l => lines.push(l));
  process.exitCode = undefined;
  await program.parseAsync(['node', 'agentic', ...args]);
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  return { lines, exitCode };
}

describe('agentic remediate analyze', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-analyze-'));
    fs.writeFileSync(
      path.join(dir, 'pip.log'),
      [
        '$ pytest -q',
        'tests/test_config.py:3: in <module>',
        '    import yaml',
        "E   ModuleNotFoundError: No module named 'yaml'",
        'ERROR: Job failed: exit code 2',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'assert.log'),
      [
        '$ npm test',
        'export GITLAB_TOKEN=glpat-AbCdEfGhIjKlMnOpQrSt',
        '  ● cart › totals',
        '    expect(received).toBe(expected) // Object.is equality',
        '    Expected: 16',
        '    Received: 15',
        'Tests:       1 failed, 3 passed, 4 total',
        'ERROR: Job failed: exit code 1',
      ].join('\n'),
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object per file, with the issue fields, and an error line for a missing file', async () => {
    const { lines, exitCode } = await run([
      'remediate',
      'analyze',
      '--json',
      '--offline',
      '--playbooks',
      PLAYBOOKS,
      path.join(dir, 'pip.log'),
      path.join(dir, 'missing.log'),
      path.join(dir, 'assert.log'),
    ]);
    expect(lines).toHaveLength(3);
    const [pip, missing, assertion] = lines.map(l => JSON.parse(l));
    expect(pip).toMatchObject({
      file: path.join(dir, 'pip.log'),
      category: 'missing_python_package',
      playbookId: 'pb-dep-001',
      rootCause: "E   ModuleNotFoundError: No module named 'yaml'",
      evidence: [
        { line: 4, text: "E   ModuleNotFoundError: No module named 'yaml'" },
      ],
      riskLevel: 'medium',
      autoFixable: true,
    });
    expect(pip.confidence).toBeGreaterThan(0.5);
    expect(missing).toEqual({
      file: path.join(dir, 'missing.log'),
      error: 'no such file',
    });
    expect(assertion).toMatchObject({
      category: 'test_failure',
      autoFixable: false,
    });
    expect(lines.join('\n')).not.toContain('glpat-AbCdEfGhIjKlMnOpQrSt');
    expect(exitCode).toBe(2);
  });

  it('expands a directory to its files, sorted', async () => {
    const { lines, exitCode } = await run([
      'remediate',
      'analyze',
      '--json',
      '--offline',
      '--playbooks',
      PLAYBOOKS,
      dir,
    ]);
    expect(lines.map(l => path.basename(JSON.parse(l).file))).toEqual([
      'assert.log',
      'pip.log',
    ]);
    expect(exitCode).toBeUndefined();
  });

  it('names the playbook file when a playbook is invalid', async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-playbooks-'));
    fs.writeFileSync(path.join(bad, 'pb-bad-001.yaml'), 'id: pb-bad-001\n');
    await expect(
      run([
        'remediate',
        'analyze',
        '--playbooks',
        bad,
        path.join(dir, 'pip.log'),
      ]),
    ).rejects.toThrow(/pb-bad-001\.yaml/);
    fs.rmSync(bad, { recursive: true, force: true });
  });
});

const remediation = (status: string) => ({
  id: 'r-1',
  source: 'local',
  project: '/tmp/repo',
  ref: 'main',
  pipelineId: '7',
  jobId: '7-test',
  jobName: 'test',
  status,
  attempt: 1,
  maxAttempts: 3,
  workflowIds: ['wf-1'],
  branch: 'agentic/fix/missing-python-package-abc',
  summary: 'Added PyYAML to requirements.txt',
  diagnosis: {
    category: 'missing_python_package',
    playbookId: 'pb-dep-001',
    rootCause: "ModuleNotFoundError: No module named 'yaml'",
    evidence: [],
    riskLevel: 'medium',
    confidence: 0.95,
    autoFixable: true,
    source: 'rules',
  },
  failedAt: '2026-11-25T10:00:00.000Z',
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
});

describe('agentic remediate run', () => {
  let server: http.Server;
  let url: string;
  const requests: Array<{ method: string; path: string; body?: any }> = [];
  let polls = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', c => (body += c));
      req.on('end', () => {
        const u = new URL(req.url!, 'http://x');
        requests.push({
          method: req.method!,
          path: u.pathname,
          body: body ? JSON.parse(body) : undefined,
        });
        const json = (value: unknown) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(value));
        };
        if (u.pathname === '/api/auth/guest/refresh')
          return json({ backstageIdentity: { token: 'guest-token' } });
        if (u.pathname === '/api/remediation/local/runs')
          return json({
            pipeline: { id: '7', status: 'failed', ref: 'main' },
            remediations: [remediation('received')],
          });
        if (u.pathname === '/api/remediation/remediations/r-1') {
          polls += 1;
          return json(remediation(polls < 2 ? 'verifying' : 'fixed'));
        }
        res.writeHead(404);
        return res.end();
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  it('runs the pipeline through the portal and follows the remediation until it is fixed', async () => {
    const { lines, exitCode } = await run([
      'remediate',
      'run',
      'some/repo',
      '--backend-url',
      url,
      '--entity',
      'component:default/checkout',
    ]);
    expect(
      requests.find(r => r.path === '/api/remediation/local/runs')?.body,
    ).toEqual({
      repoDir: path.resolve('some/repo'),
      entityRef: 'component:default/checkout',
    });
    expect(lines).toContain('Pipeline 7 on main: failed');
    expect(lines).toContain('test: verifying');
    expect(lines).toContain('test: fixed');
    expect(lines.join('\n')).toContain(
      'branch:     agentic/fix/missing-python-package-abc',
    );
    expect(exitCode).toBeUndefined();
  }, 20_000);
});
