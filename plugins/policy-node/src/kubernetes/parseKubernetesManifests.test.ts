import { parseKubernetesManifests } from './parseKubernetesManifests';
import { WORKLOAD_KINDS } from './workloads';

const parse = (content: string) =>
  parseKubernetesManifests('deploy/app.yaml', content);

const POD_SPEC = `
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
  containers:
    - name: app
      image: nginx:1.27
`;

/** A manifest of the kind with POD_SPEC where the kind keeps its pod spec. */
function workload(kind: string): string {
  const indent = (text: string, spaces: number) =>
    text.replace(/\n(?=.)/g, `\n${' '.repeat(spaces)}`);
  const apiVersion: Record<string, string> = {
    Pod: 'v1',
    ReplicationController: 'v1',
    Job: 'batch/v1',
    CronJob: 'batch/v1',
  };
  const head = `apiVersion: ${
    apiVersion[kind] ?? 'apps/v1'
  }\nkind: ${kind}\nmetadata:\n  name: w\n  namespace: team\n`;
  if (kind === 'Pod') return `${head}spec:${indent(POD_SPEC, 0)}`;
  if (kind === 'CronJob') {
    return `${head}spec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:${indent(
      POD_SPEC,
      8,
    )}`;
  }
  return `${head}spec:\n  template:\n    spec:${indent(POD_SPEC, 4)}`;
}

describe('parseKubernetesManifests', () => {
  it.each(WORKLOAD_KINDS)('normalises the pod of a %s', kind => {
    const { resources, errors } = parse(workload(kind));
    expect(errors).toEqual([]);
    expect(resources).toHaveLength(1);
    const [resource] = resources;
    expect(resource).toMatchObject({
      kind: 'kubernetes',
      type: kind,
      name: `${kind}/team/w`,
      file: 'deploy/app.yaml',
      line: 1,
    });
    expect(resource.attributes.pod).toEqual({
      hostNetwork: null,
      hostPID: null,
      hostIPC: null,
      serviceAccountName: null,
      automountServiceAccountToken: null,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: null,
        fsGroup: null,
      },
      volumes: [],
    });
    expect(resource.attributes.containers).toEqual([
      {
        name: 'app',
        image: 'nginx:1.27',
        init: false,
        ephemeral: false,
        line: expect.any(Number),
        securityContext: {
          privileged: null,
          allowPrivilegeEscalation: null,
          runAsNonRoot: true,
          runAsUser: 1000,
          runAsGroup: null,
          readOnlyRootFilesystem: null,
          capabilities: { add: [], drop: [] },
        },
        resources: {
          limits: { cpu: null, memory: null },
          requests: { cpu: null, memory: null },
        },
      },
    ]);
    expect(resource.attributes.images).toEqual([
      {
        container: 'app',
        image: 'nginx:1.27',
        registry: null,
        repository: 'nginx',
        tag: '1.27',
        digest: null,
        line: expect.any(Number),
      },
    ]);
    expect(resource.unknowns).toBeUndefined();
  });

  it('includes init and ephemeral containers, flagged, with their lines', () => {
    const { resources } = parse(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  ephemeralContainers:
    - name: debug
      image: busybox:1.36
  initContainers:
    - name: migrate
      image: app:1.0
  containers:
    - name: app
      image: app:1.0
`);
    const containers = resources[0].attributes.containers as Array<
      Record<string, unknown>
    >;
    expect(containers.map(c => [c.name, c.init, c.ephemeral, c.line])).toEqual([
      ['app', false, false, 13],
      ['migrate', true, false, 10],
      ['debug', false, true, 7],
    ]);
    expect(resources[0].name).toBe('Pod/p');
  });

  it("resolves each container's user from the pod's securityContext unless it sets its own", () => {
    const { resources } = parse(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        runAsGroup: 3000
      initContainers:
        - name: chown
          image: busybox:1.36
          securityContext:
            runAsUser: 0
            runAsNonRoot: false
      containers:
        - name: app
          image: app:1.0
          securityContext:
            capabilities:
              add: [cap_net_bind_service]
              drop: [all]
            privileged: "false"
            allowPrivilegeEscalation: no
            readOnlyRootFilesystem: yes
          resources:
            limits: {cpu: 1, memory: 1Gi, ephemeral-storage: 2Gi}
`);
    const [app, chown] = resources[0].attributes.containers as Array<{
      securityContext: Record<string, unknown>;
      resources: unknown;
    }>;
    expect(app.securityContext).toEqual({
      privileged: false,
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 3000,
      readOnlyRootFilesystem: true,
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
    });
    expect(app.resources).toEqual({
      limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '2Gi' },
      requests: { cpu: null, memory: null },
    });
    expect(chown.securityContext).toMatchObject({
      runAsNonRoot: false,
      runAsUser: 0,
      runAsGroup: 3000,
    });
  });

  it('normalises host namespaces and volumes', () => {
    const { resources } = parse(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      hostNetwork: true
      hostPID: false
      serviceAccountName: agent
      volumes:
        - name: logs
          hostPath:
            path: /var/log
            type: Directory
        - name: tmp
          emptyDir: {}
      containers:
        - name: agent
          image: agent:2
`);
    const pod = resources[0].attributes.pod as Record<string, unknown>;
    expect(pod).toMatchObject({
      hostNetwork: true,
      hostPID: false,
      hostIPC: null,
      serviceAccountName: 'agent',
    });
    expect(pod.volumes).toEqual([
      {
        name: 'logs',
        type: 'hostPath',
        hostPath: { path: '/var/log', type: 'Directory' },
      },
      { name: 'tmp', type: 'emptyDir', hostPath: null },
    ]);
  });

  it('reads every document, skipping empty and non-Kubernetes ones, and reports a broken one with its line', () => {
    const { resources, errors } = parse(`# comment only
---
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
---
replicas: 3
image: {tag: latest}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: web:1
          ports: [
---
- a
- b
---
apiVersion: v1
kind: Pod
metadata:
  name: after-the-broken-one
spec:
  containers:
    - name: c
      image: c:1
`);
    expect(resources.map(r => [r.name, r.line])).toEqual([
      ['Service/shop/web', 4],
      ['Pod/after-the-broken-one', 29],
    ]);
    expect(errors).toEqual([
      {
        file: 'deploy/app.yaml',
        error:
          'YAML syntax error at line 25 (document starting at line 13): Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
  });

  it('keeps other kinds as resources with their object as attributes', () => {
    const { resources } = parse(`apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LOG_LEVEL: info
---
apiVersion: batch.volcano.sh/v1alpha1
kind: Job
metadata:
  name: training
spec:
  tasks: []
`);
    expect(resources.map(r => [r.type, r.name])).toEqual([
      ['ConfigMap', 'ConfigMap/settings'],
      ['Job', 'Job/training'],
    ]);
    expect(resources[0].attributes).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings' },
      data: { LOG_LEVEL: 'info' },
    });
    // A Job of another API group is not a batch Job.
    expect(resources[1].attributes).not.toHaveProperty('containers');
  });

  it('expands Lists, each item with its own line', () => {
    const { resources } = parse(`apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: one
    spec:
      containers:
        - name: c
          image: c:1
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: two
    spec:
      template:
        spec:
          containers:
            - name: d
              image: d:1
`);
    expect(
      resources.map(r => [
        r.name,
        r.line,
        (r.attributes.containers as Array<{ line: number }>)[0].line,
      ]),
    ).toEqual([
      ['Pod/one', 4, 10],
      ['Deployment/two', 12, 20],
    ]);
  });

  it('names an image written as a placeholder unknown, and parses the others', () => {
    const { resources } = parse(`apiVersion: v1
kind: Pod
metadata:
  generateName: job-
spec:
  containers:
    - name: app
      image: \${IMAGE}
    - name: proxy
      image: registry.local:5000/envoy@sha256:abc
`);
    expect(resources[0].name).toBe('Pod/job-');
    expect(resources[0].attributes.images).toEqual([
      expect.objectContaining({ container: 'app', tag: null, digest: null }),
      expect.objectContaining({
        container: 'proxy',
        registry: 'registry.local:5000',
        repository: 'envoy',
        tag: null,
        digest: 'sha256:abc',
      }),
    ]);
    expect(resources[0].unknowns).toEqual([
      {
        path: 'images.0',
        reason: expect.stringContaining('placeholder (${IMAGE})'),
      },
    ]);
  });

  it('reads YAML anchors and merge keys as Kubernetes does', () => {
    const { resources, errors } = parse(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - &base
      name: a
      image: a:1
      securityContext: {privileged: true}
    - <<: *base
      name: b
`);
    expect(errors).toEqual([]);
    const containers = resources[0].attributes.containers as Array<{
      name: string;
      securityContext: { privileged: boolean };
    }>;
    expect(containers.map(c => [c.name, c.securityContext.privileged])).toEqual(
      [
        ['a', true],
        ['b', true],
      ],
    );
  });

  it('says a Helm template that is not YAML is a template', () => {
    expect(
      parse(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
`),
    ).toEqual({
      resources: [],
      errors: [
        {
          file: 'deploy/app.yaml',
          error: expect.stringContaining('a Helm / Go template'),
        },
      ],
    });
  });
});
