import path from 'node:path';
import { stringify } from 'yaml';
import { loadPolicyRules } from '../rules/loadPolicyRules';
import { parseKubernetesManifests } from './parseKubernetesManifests';
import { WORKLOAD_KINDS } from './workloads';

const { rules } = loadPolicyRules(
  path.resolve(__dirname, '../../../../policies/kubernetes'),
);

/** What the rule says of each resource of the manifest it applies to. */
function judge(id: string, manifest: unknown) {
  const rule = rules.find(r => r.spec.id === id)!;
  const { resources, errors } = parseKubernetesManifests(
    'app.yaml',
    typeof manifest === 'string' ? manifest : stringify(manifest),
  );
  expect(errors).toEqual([]);
  return resources.filter(r => rule.appliesTo(r)).map(r => rule.evaluate(r));
}

const HARDENED = {
  name: 'app',
  image: 'registry.example.com/app:1.4.2',
  securityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 10001,
    capabilities: { drop: ['ALL'] },
  },
  resources: { limits: { cpu: '500m', memory: '256Mi' } },
};

/** A Deployment running the pod spec. */
const deployment = (podSpec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { template: { spec: podSpec } },
});

/** HARDENED with its fields merged with `changes` (one level deep). */
function container(changes: Record<string, any> = {}) {
  return {
    ...HARDENED,
    ...changes,
    securityContext: {
      ...HARDENED.securityContext,
      ...changes.securityContext,
    },
  };
}

const violated = (violations: string[]) => [{ status: 'violated', violations }];
const COMPLIANT = [{ status: 'compliant' }];

describe('the Kubernetes rules', () => {
  it('judge every workload kind and nothing else', () => {
    expect(rules).toHaveLength(8);
    for (const rule of rules) {
      expect([rule.spec.id, [...rule.spec.resources.types!].sort()]).toEqual([
        rule.spec.id,
        [...WORKLOAD_KINDS].sort(),
      ]);
    }
  });

  it.each([
    'k8s-privileged',
    'k8s-host-network',
    'k8s-host-path',
    'k8s-run-as-non-root',
    'k8s-readonly-rootfs',
    'k8s-resource-limits',
    'k8s-latest-tag',
    'k8s-privilege-escalation',
  ])('%s passes a hardened pod', id => {
    expect(
      judge(
        id,
        deployment({
          initContainers: [container({ name: 'init' })],
          containers: [container()],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        }),
      ),
    ).toEqual(COMPLIANT);
  });

  it('k8s-privileged finds privileged containers and ALL / SYS_ADMIN capabilities', () => {
    expect(
      judge(
        'k8s-privileged',
        deployment({
          initContainers: [
            container({ name: 'setup', securityContext: { privileged: true } }),
          ],
          containers: [
            container({
              securityContext: { capabilities: { add: ['CAP_SYS_ADMIN'] } },
            }),
            container({
              name: 'ok',
              securityContext: { capabilities: { add: ['NET_ADMIN'] } },
            }),
          ],
        }),
      ),
    ).toEqual(
      violated([
        'app: adds a privileged capability',
        'setup (init): privileged',
      ]),
    );
  });

  it('k8s-host-network finds the host namespaces the pod shares', () => {
    expect(
      judge(
        'k8s-host-network',
        deployment({
          hostNetwork: true,
          hostPID: true,
          hostIPC: false,
          containers: [container()],
        }),
      ),
    ).toEqual(violated(['hostNetwork: true', 'hostPID: true']));
  });

  it('k8s-host-path finds hostPath volumes, except allowed paths', () => {
    const manifest = deployment({
      containers: [container()],
      volumes: [
        { name: 'sock', hostPath: { path: '/var/run/docker.sock' } },
        { name: 'logs', hostPath: { path: '/var/log' } },
        { name: 'cache', emptyDir: {} },
      ],
    });
    expect(judge('k8s-host-path', manifest)).toEqual(
      violated([
        'sock: hostPath /var/run/docker.sock',
        'logs: hostPath /var/log',
      ]),
    );
    const rule = rules.find(r => r.spec.id === 'k8s-host-path')!;
    expect(rule.params).toEqual({ allowedPaths: [] });
  });

  describe('k8s-run-as-non-root', () => {
    it.each([
      ['runAsNonRoot on the pod', { runAsNonRoot: true }, {}, true],
      ['a non-zero runAsUser on the pod', { runAsUser: 1000 }, {}, true],
      ['runAsNonRoot on the container', {}, { runAsNonRoot: true }, true],
      ['nothing set', {}, {}, false],
      ['runAsNonRoot false', { runAsNonRoot: false }, {}, false],
      [
        'runAsUser 0 on the pod',
        { runAsUser: 0, runAsNonRoot: true },
        {},
        false,
      ],
      [
        'the container overriding the pod with root',
        { runAsNonRoot: true, runAsUser: 1000 },
        { runAsUser: 0 },
        false,
      ],
    ])('%s', (_, podContext, containerContext, compliant) => {
      const outcomes = judge(
        'k8s-run-as-non-root',
        deployment({
          securityContext: podContext,
          containers: [
            {
              name: 'app',
              image: 'app:1',
              securityContext: containerContext,
            },
          ],
        }),
      );
      expect(outcomes[0].status).toBe(compliant ? 'compliant' : 'violated');
    });

    it('names the containers and why, init containers of a CronJob included', () => {
      expect(
        judge(
          'k8s-run-as-non-root',
          `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {runAsNonRoot: true}
          initContainers:
            - {name: chown, image: busybox:1.36, securityContext: {runAsUser: 0}}
            - {name: other, image: busybox:1.36, securityContext: {runAsNonRoot: false}}
          containers:
            - {name: report, image: report:1}
`,
        ),
      ).toEqual(
        violated([
          'chown (init): runAsUser 0',
          'other (init): may run as root',
        ]),
      );
    });
  });

  it('k8s-readonly-rootfs names the containers with a writable root', () => {
    expect(
      judge(
        'k8s-readonly-rootfs',
        deployment({
          initContainers: [
            container({
              name: 'init',
              securityContext: { readOnlyRootFilesystem: false },
            }),
          ],
          containers: [
            { name: 'app', image: 'app:1' },
            container({ name: 'sidecar' }),
          ],
        }),
      ),
    ).toEqual(violated(['app', 'init (init)']));
  });

  it('k8s-resource-limits needs every parameterised limit, and ignores ephemeral containers', () => {
    const manifest = deployment({
      initContainers: [
        container({ name: 'init', resources: { limits: { cpu: '1' } } }),
      ],
      containers: [
        container({ resources: { requests: { cpu: '1', memory: '1Gi' } } }),
        container({ name: 'ok' }),
      ],
      ephemeralContainers: [{ name: 'debug', image: 'busybox:1.36' }],
    });
    expect(judge('k8s-resource-limits', manifest)).toEqual(
      violated(['app: no cpu or memory limit', 'init (init): no memory limit']),
    );

    const memoryOnly = loadPolicyRules(
      path.resolve(__dirname, '../../../../policies/kubernetes'),
      { 'k8s-resource-limits': { params: { limits: ['memory'] } } },
    ).rules.find(r => r.spec.id === 'k8s-resource-limits')!;
    const [resource] = parseKubernetesManifests(
      'app.yaml',
      stringify(manifest),
    ).resources;
    expect(memoryOnly.evaluate(resource)).toEqual({
      status: 'violated',
      violations: ['app: no memory limit', 'init (init): no memory limit'],
    });
  });

  it('k8s-latest-tag finds latest and untagged images, accepts digests, and reports placeholders as unknown', () => {
    const podWith = (...images: string[]) =>
      deployment({
        containers: images.map((image, i) => ({ name: `c${i}`, image })),
      });
    expect(
      judge('k8s-latest-tag', podWith('nginx', 'redis:latest', 'app:1.0')),
    ).toEqual(violated(['c0: nginx', 'c1: redis:latest']));
    expect(
      judge(
        'k8s-latest-tag',
        podWith(
          'nginx:latest@sha256:0123',
          'localhost:5000/app:2',
          'ghcr.io/org/app@sha256:abcd',
        ),
      ),
    ).toEqual(COMPLIANT);
    expect(judge('k8s-latest-tag', podWith('${IMAGE}'))).toEqual([
      {
        status: 'unknown',
        reason: expect.stringContaining('images.0 cannot be known'),
      },
    ]);
  });

  it('k8s-privilege-escalation needs allowPrivilegeEscalation false, and never privileged', () => {
    expect(
      judge(
        'k8s-privilege-escalation',
        deployment({
          initContainers: [{ name: 'init', image: 'app:1' }],
          containers: [
            container(),
            container({
              name: 'priv',
              securityContext: { privileged: true },
            }),
          ],
          ephemeralContainers: [
            {
              name: 'debug',
              image: 'busybox:1.36',
              securityContext: { allowPrivilegeEscalation: true },
            },
          ],
        }),
      ),
    ).toEqual(violated(['priv', 'init (init)', 'debug (ephemeral)']));
  });
});
