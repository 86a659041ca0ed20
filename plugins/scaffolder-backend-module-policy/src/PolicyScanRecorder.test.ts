import { ScanReport } from '@agentic-devops/plugin-policy-common';
import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { PolicyScanRecorder } from './PolicyScanRecorder';

const report: ScanReport = {
  findings: [],
  summary: {
    files: 1,
    resources: 1,
    findings: 0,
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
    errors: 0,
  },
  errors: [],
};

/** A stand-in for the policy plugin: records requests, answers with `reply`. */
async function startFakePolicyPlugin(reply: { status: number; body: unknown }) {
  const requests: Array<{
    method?: string;
    url?: string;
    authorization?: string;
    body: unknown;
  }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', chunk => {
      text += chunk;
    });
    req.on('end', () => {
      requests.push({
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization,
        body: JSON.parse(text),
      });
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    requests,
    discovery: mockServices.discovery.mock({
      getBaseUrl: async pluginId => `http://127.0.0.1:${port}/api/${pluginId}`,
    }),
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

describe('PolicyScanRecorder', () => {
  const auth = mockServices.auth({ pluginId: 'scaffolder' });

  it('posts the scan to the policy plugin with a service token for it', async () => {
    const fake = await startFakePolicyPlugin({
      status: 201,
      body: { id: 'scan-7' },
    });
    try {
      const recorder = new PolicyScanRecorder({
        discovery: fake.discovery,
        auth,
      });
      await expect(
        recorder.record({
          report,
          entityRef: 'component:default/payments',
          trigger: 'scaffolder',
          target: 'service',
        }),
      ).resolves.toEqual({ id: 'scan-7' });
      expect(fake.requests).toEqual([
        {
          method: 'POST',
          url: '/api/policy/scans',
          authorization: expect.stringMatching(/^Bearer .+/),
          body: {
            report,
            entityRef: 'component:default/payments',
            trigger: 'scaffolder',
            target: 'service',
          },
        },
      ]);
      const token = fake.requests[0].authorization!.slice('Bearer '.length);
      expect(token).toContain('"sub":"plugin:scaffolder"');
      expect(token).toContain('"target":"policy"');
    } finally {
      await fake.stop();
    }
  });

  it('throws the policy plugin’s error', async () => {
    const fake = await startFakePolicyPlugin({
      status: 400,
      body: { error: { name: 'InputError', message: 'report is invalid' } },
    });
    try {
      const recorder = new PolicyScanRecorder({
        discovery: fake.discovery,
        auth,
      });
      await expect(
        recorder.record({ report, trigger: 'scaffolder', target: 'service' }),
      ).rejects.toThrow(/400/);
    } finally {
      await fake.stop();
    }
  });
});
