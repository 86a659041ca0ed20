import { PolicyResource } from '@agentic-devops/plugin-policy-node';
import { FakeOpa, FakeOpaReply } from './__testUtils__/FakeOpa';
import { OpaPolicySource } from './OpaPolicySource';
import { OpaSettings } from './readOpaSettings';

const deployment: PolicyResource = {
  kind: 'kubernetes',
  type: 'Deployment',
  name: 'Deployment/payments/web',
  file: 'k8s/web.yaml',
  line: 3,
  attributes: { containers: [{ name: 'web', image: 'web:1.2' }] },
};
const bucket: PolicyResource = {
  kind: 'terraform',
  type: 'aws_s3_bucket',
  name: 'aws_s3_bucket.logs',
  file: 'infra/main.tf',
  line: 12,
  attributes: { bucket: 'logs' },
  unknowns: [{ path: 'tags', reason: 'var.tags has no default' }],
};
const dockerfile: PolicyResource = {
  kind: 'dockerfile',
  type: 'Dockerfile',
  name: 'Dockerfile',
  file: 'Dockerfile',
  line: 1,
  attributes: { finalUser: null },
};

const PATH = 'agentic/policy/deny';

describe('OpaPolicySource', () => {
  let opa: FakeOpa | undefined;

  afterEach(async () => {
    await opa?.stop();
    opa = undefined;
  });

  async function sourceFor(
    decide: (input: PolicyResource) => FakeOpaReply,
    settings: Partial<OpaSettings> = {},
    concurrency?: number,
  ) {
    opa = new FakeOpa((_path, input) => decide(input));
    const baseUrl = await opa.start();
    return new OpaPolicySource(
      { baseUrl, path: PATH, timeoutMs: 5000, ...settings },
      { concurrency },
    );
  }

  it('sends each resource as input and maps its violations to findings', async () => {
    const source = await sourceFor(input => {
      if (input.type === 'Deployment') {
        return {
          body: {
            result: [
              {
                ruleId: 'org-approved-registry',
                severity: 'high',
                message: 'Images must come from the approved registry',
                remediation: 'Push the image to registry.example.com',
                frameworks: ['SOC 2'],
                detail: 'web',
              },
              {
                ruleId: 'org-team-label',
                severity: 'low',
                message: 'Workloads carry a team label',
              },
            ],
          },
        };
      }
      return { body: { result: [] } };
    });

    const { findings, errors } = await source.evaluate([
      deployment,
      bucket,
      dockerfile,
    ]);

    expect(errors).toEqual([]);
    expect(findings).toEqual([
      {
        ruleId: 'org-approved-registry',
        severity: 'high',
        file: 'k8s/web.yaml',
        line: 3,
        resource: 'Deployment/payments/web',
        message: 'Images must come from the approved registry',
        remediation: 'Push the image to registry.example.com',
        frameworks: ['SOC 2'],
        status: 'violated',
        detail: 'web',
      },
      {
        ruleId: 'org-team-label',
        severity: 'low',
        file: 'k8s/web.yaml',
        line: 3,
        resource: 'Deployment/payments/web',
        message: 'Workloads carry a team label',
        remediation:
          'No remediation was given by the OPA policy agentic/policy/deny.',
        frameworks: [],
        status: 'violated',
      },
    ]);
    expect(opa!.requests).toEqual(
      expect.arrayContaining([
        { path: PATH, input: deployment, authorization: undefined },
        { path: PATH, input: bucket, authorization: undefined },
        { path: PATH, input: dockerfile, authorization: undefined },
      ]),
    );
    expect(opa!.requests).toHaveLength(3);
  });

  it('sends the configured token', async () => {
    const source = await sourceFor(() => ({ body: { result: [] } }), {
      token: 's3cret-token',
    });
    await source.evaluate([bucket]);
    expect(opa!.requests[0].authorization).toBe('Bearer s3cret-token');
  });

  it('turns an error answer into an error naming the resource, and still judges the others', async () => {
    const source = await sourceFor(input =>
      input.type === 'aws_s3_bucket'
        ? {
            status: 500,
            body: {
              code: 'internal_error',
              message:
                'eval_conflict_error: complete rules must not produce multiple outputs',
            },
          }
        : {
            body: {
              result: [
                { ruleId: 'org-x', severity: 'medium', message: 'Not allowed' },
              ],
            },
          },
    );

    const { findings, errors } = await source.evaluate([
      deployment,
      bucket,
      dockerfile,
    ]);

    expect(findings.map(f => f.resource)).toEqual([
      'Deployment/payments/web',
      'Dockerfile',
    ]);
    expect(errors).toEqual([
      {
        file: 'infra/main.tf',
        error: expect.stringMatching(
          /^OPA policy agentic\/policy\/deny on aws_s3_bucket\.logs: OPA answered with an error: .*eval_conflict_error: complete rules must not produce multiple outputs/,
        ),
      },
    ]);
  });

  it('reports every resource when OPA is down, without a pass', async () => {
    const source = await sourceFor(() => ({ body: { result: [] } }));
    await opa!.stop();

    const { findings, errors } = await source.evaluate([
      deployment,
      bucket,
      dockerfile,
    ]);

    expect(findings).toEqual([]);
    expect(errors.map(e => e.file)).toEqual([
      'k8s/web.yaml',
      'infra/main.tf',
      'Dockerfile',
    ]);
    for (const [error, resource] of [
      [errors[0], deployment],
      [errors[1], bucket],
      [errors[2], dockerfile],
    ] as const) {
      expect(error.error).toMatch(
        new RegExp(
          `^OPA policy agentic/policy/deny on ${resource.name.replace(
            /\./g,
            '\\.',
          )}: (not evaluated: )?OPA at http://127\\.0\\.0\\.1:\\d+ is unreachable \\((ConnectionError|UnexpectedClientError): .*fetch failed \\(connect ECONNREFUSED`,
        ),
      );
    }
  });

  it('stops waiting for a hung server after the timeout, and does not ask it again', async () => {
    const source = await sourceFor(() => 'hang', { timeoutMs: 200 }, 1);
    const started = Date.now();

    const { findings, errors } = await source.evaluate([
      deployment,
      bucket,
      dockerfile,
    ]);

    expect(Date.now() - started).toBeLessThan(3000);
    expect(findings).toEqual([]);
    expect(errors.map(e => e.error)).toEqual([
      expect.stringMatching(
        /on Deployment\/payments\/web: OPA at .* is unreachable \(RequestTimeoutError: Request timed out/,
      ),
      expect.stringMatching(
        /on aws_s3_bucket\.logs: not evaluated: OPA at .* is unreachable \(RequestTimeoutError/,
      ),
      expect.stringMatching(/on Dockerfile: not evaluated: OPA at/),
    ]);
    expect(opa!.requests).toHaveLength(1);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'an undefined decision (no policy at the path)',
      {},
      /the decision data\.agentic\.policy\.deny is undefined \(is the policy loaded on http:\/\/127\.0\.0\.1:\d+\?\)/,
    ],
    [
      'a boolean',
      { result: true },
      /the decision is not a list of violations: .*expected array/,
    ],
    [
      'an unknown severity',
      {
        result: [
          { ruleId: 'org-x', severity: 'urgent', message: 'Not allowed' },
        ],
      },
      /the decision is not a list of violations: .*at \[0\]\.severity/,
    ],
    [
      'a violation without a message',
      { result: [{ ruleId: 'org-x', severity: 'high' }] },
      /the decision is not a list of violations: .*at \[0\]\.message/,
    ],
  ])(
    'reports a malformed result as an error: %s',
    async (_name, body, expected) => {
      const source = await sourceFor(input =>
        input.type === 'Dockerfile' ? { body } : { body: { result: [] } },
      );

      const { findings, errors } = await source.evaluate([
        deployment,
        dockerfile,
      ]);

      expect(findings).toEqual([]);
      expect(errors).toEqual([
        {
          file: 'Dockerfile',
          error: expect.stringMatching(
            new RegExp(
              `^OPA policy agentic/policy/deny on Dockerfile: ${expected.source}`,
            ),
          ),
        },
      ]);
    },
  );

  it('asks at most `concurrency` decisions at once', async () => {
    const source = await sourceFor(() => ({ body: { result: [] } }), {}, 3);
    const resources = Array.from({ length: 20 }, (_, i) => ({
      ...dockerfile,
      name: `Dockerfile ${i}`,
    }));

    const { errors } = await source.evaluate(resources);

    expect(errors).toEqual([]);
    expect(opa!.requests).toHaveLength(20);
    expect(opa!.maxInFlight).toBe(3);
  });

  it('stops when the scan is cancelled', async () => {
    const source = await sourceFor(() => ({ body: { result: [] } }));
    const controller = new AbortController();
    controller.abort(new Error('scan cancelled'));
    await expect(
      source.evaluate([deployment], { signal: controller.signal }),
    ).rejects.toThrow('scan cancelled');
  });
});
