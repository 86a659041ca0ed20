import { Command } from 'commander';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parseParams, registerWorkflowCommands } from './workflows';

const workflow = (status: string) => ({
  id: 'wf-1',
  definition: 'core.noop',
  title: 'No-op workflow',
  status,
  parameters: {},
  requestedBy: 'user:default/guest',
  planSource: 'definition',
  progress: {
    total: 3,
    succeeded: status === 'succeeded' ? 3 : 0,
    failed: 0,
    running: 0,
  },
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
});

/** A stand-in for the portal's backend on 127.0.0.1, recording requests. */
function fakePortal() {
  const requests: Array<{
    method: string;
    url: string;
    auth?: string;
    body?: any;
  }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      requests.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        body: body ? JSON.parse(body) : undefined,
      });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/api/auth/guest/refresh')
        return json(200, { backstageIdentity: { token: 'guest-token' } });
      if (req.method === 'GET' && url.pathname === '/api/planner/workflows') {
        return json(200, {
          items: [workflow('running')],
          totalCount: 1,
          offset: 0,
          limit: 20,
        });
      }
      if (req.method === 'POST' && url.pathname === '/api/planner/workflows')
        return json(201, workflow('pending'));
      if (url.pathname === '/api/planner/workflows/wf-1/events') {
        const after = Number(url.searchParams.get('afterSeq') ?? 0);
        const all = [
          {
            workflowId: 'wf-1',
            seq: 1,
            type: 'workflow.created',
            createdAt: '2026-11-25T10:00:00.000Z',
          },
          {
            workflowId: 'wf-1',
            seq: 2,
            type: 'task.succeeded',
            taskKey: 'noop-1',
            createdAt: '2026-11-25T10:00:01.000Z',
          },
          {
            workflowId: 'wf-1',
            seq: 3,
            type: 'workflow.succeeded',
            createdAt: '2026-11-25T10:00:02.000Z',
          },
        ];
        return json(200, { items: all.filter(e => e.seq > after) });
      }
      if (url.pathname === '/api/planner/workflows/wf-1') {
        return json(200, {
          ...workflow('succeeded'),
          tasks: [],
          attempts: [],
          events: [],
        });
      }
      return json(404, {
        error: { name: 'NotFoundError', message: `no route ${url.pathname}` },
        response: { statusCode: 404 },
      });
    });
  });
  return {
    requests,
    start: () =>
      new Promise<string>(resolve =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

async function run(args: string[]) {
  const lines: string[] = [];
  const program = new Command('agentic').exitOverride();
  registerWorkflowCommands(program, line => lines.push(line));
  await program.parseAsync(['node', 'agentic', ...args]);
  return lines;
}

describe('agentic workflows', () => {
  const portal = fakePortal();
  let url: string;
  beforeAll(async () => {
    url = await portal.start();
  });
  afterAll(() => portal.stop());
  beforeEach(() => portal.requests.splice(0));

  it('lists workflows with a guest token and the filters given', async () => {
    const lines = await run([
      'workflows',
      '--backend-url',
      url,
      'list',
      '--status',
      'running',
      '--entity',
      'component:default/storefront',
    ]);
    const call = portal.requests.find(r =>
      r.url.startsWith('/api/planner/workflows'),
    )!;
    expect(call.auth).toBe('Bearer guest-token');
    expect(call.url).toContain('status=running');
    expect(call.url).toContain('entityRef=component%3Adefault%2Fstorefront');
    expect(lines[1]).toMatch(/^wf-1\s+running\s+0\/3\s+core\.noop/);
    expect(lines.at(-1)).toBe('1 of 1');
  });

  it('refuses an unknown status before calling the portal', async () => {
    await expect(
      run(['workflows', '--backend-url', url, 'list', '--status', 'done']),
    ).rejects.toThrow();
    expect(portal.requests).toEqual([]);
  });

  it('creates with parameters and follows the events until it finishes', async () => {
    const lines = await run([
      'workflows',
      '--backend-url',
      url,
      '--token',
      'given',
      'create',
      'core.noop',
      '--param',
      'tasks=3',
      '--param',
      'shape=chain',
      '--wait',
    ]);
    const create = portal.requests.find(r => r.method === 'POST')!;
    expect(create.auth).toBe('Bearer given');
    expect(create.body).toEqual({
      definition: 'core.noop',
      parameters: { tasks: 3, shape: 'chain' },
    });
    expect(lines[0]).toBe('Created wf-1 (No-op workflow)');
    expect(lines.some(l => /3 .*workflow\.succeeded/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('Workflow succeeded');
  });

  it('says how to reach the portal when it is not running', async () => {
    await expect(
      run(['workflows', '--backend-url', 'http://127.0.0.1:9', 'list']),
    ).rejects.toThrow(
      /Cannot reach the portal at http:\/\/127\.0\.0\.1:9.*make start/,
    );
  });

  it('parses key=value parameters, JSON when possible', () => {
    expect(parseParams(['a=1', 'b=x', 'c={"d":true}'])).toEqual({
      a: 1,
      b: 'x',
      c: { d: true },
    });
    expect(() => parseParams(['oops'])).toThrow(/key=value/);
  });
});
