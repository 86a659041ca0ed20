import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { traceEnvReferences } from '@agentic-devops/deployment-config';

// The deployment cannot run here (no cluster, no Docker): this checks that
// the manifests are valid Kubernetes objects and fit together for several
// backend replicas on one PostgreSQL.
const repoRoot = path.resolve(__dirname, '../../..');
const k8sDir = path.join(repoRoot, 'deploy/kubernetes');

const modelByKind: Record<string, new (data: any) => { validate(): void }> = {
  Deployment,
  ConfigMap,
  Namespace,
  Secret,
  Service,
  Ingress,
  PodDisruptionBudget,
};

function load(file: string): any[] {
  const text = fs.readFileSync(path.join(k8sDir, file), 'utf8');
  return parseAllDocuments(text).map(doc => {
    expect(doc.errors).toEqual([]);
    return doc.toJS();
  });
}

const kustomization = load('kustomization.yaml')[0];
const objects = (kustomization.resources as string[]).flatMap(load);
const secretExample = load('secret.example.yaml')[0];
const find = (kind: string) => objects.filter(o => o.kind === kind);

describe('deploy/kubernetes', () => {
  it('lists every manifest in the kustomization, and only existing files', () => {
    const files = fs
      .readdirSync(k8sDir)
      .filter(
        f =>
          f.endsWith('.yaml') &&
          !['kustomization.yaml', 'secret.example.yaml'].includes(f),
      );
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('holds only valid Kubernetes objects', () => {
    for (const object of [...objects, secretExample]) {
      const Model = modelByKind[object.kind];
      expect(Model).toBeDefined();
      expect(() => new Model(object).validate()).not.toThrow();
    }
  });

  it('rejects an invalid object (the validation is real)', () => {
    const broken = structuredClone(find('Deployment')[0]);
    broken.spec.replicas = 'two';
    expect(() => new Deployment(broken).validate()).toThrow();
  });

  it('runs two or more backend replicas without a single point of failure', () => {
    const [deployment] = find('Deployment');
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    const [pdb] = find('PodDisruptionBudget');
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
    expect(pdb.spec.selector.matchLabels).toEqual(
      deployment.spec.selector.matchLabels,
    );
  });

  it('wires selectors, ports and probes together', () => {
    const [deployment] = find('Deployment');
    const pod = deployment.spec.template;
    expect(pod.metadata.labels).toMatchObject(
      deployment.spec.selector.matchLabels,
    );
    const [container] = pod.spec.containers;
    const [service] = find('Service');
    expect(pod.metadata.labels).toMatchObject(service.spec.selector);
    const portName = service.spec.ports[0].targetPort;
    expect(container.ports.map((p: any) => p.name)).toContain(portName);
    expect(
      container.ports.find((p: any) => p.name === portName).containerPort,
    ).toBe(7007);
    expect(container.readinessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/readiness',
    );
    expect(container.livenessProbe.httpGet.path).toBe(
      '/.backstage/health/v1/liveness',
    );
    const [ingress] = find('Ingress');
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    expect(backend.name).toBe(service.metadata.name);
    expect(backend.port.name).toBe(service.spec.ports[0].name);
  });

  it('gives the backend every variable the production config reads', async () => {
    const [deployment] = find('Deployment');
    const [container] = deployment.spec.template.spec.containers;
    expect(container.command.join(' ')).toContain(
      '--config app-config.yaml --config app-config.production.yaml',
    );
    const configMap = find('ConfigMap').find(
      c =>
        c.metadata.name ===
        container.envFrom.find((e: any) => e.configMapRef).configMapRef.name,
    );
    expect(secretExample.metadata.name).toBe(
      container.envFrom.find((e: any) => e.secretRef).secretRef.name,
    );
    const provided = new Set([
      ...Object.keys(configMap.data),
      ...Object.keys(secretExample.stringData),
    ]);
    const references = await traceEnvReferences({
      rootDir: repoRoot,
      argv: [
        '--config',
        'app-config.yaml',
        '--config',
        'app-config.production.yaml',
      ],
      env: {},
    });
    const referenced = new Set(references.map(r => r.envVar));
    expect(referenced).toContain('POSTGRES_PASSWORD');
    for (const name of referenced) {
      expect(provided).toContain(name);
    }
  });

  it('runs as an unprivileged user with a read-only root file system', () => {
    const [deployment] = find('Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const [container] = pod.containers;
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
    });
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toContain(
      '/tmp',
    );
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(
    fs.readFileSync(path.join(repoRoot, 'deploy/Dockerfile'), 'utf8'),
  );
  const instructions = dockerfile.getInstructions();
  const args = (keyword: string) =>
    instructions
      .filter(i => i.getKeyword() === keyword)
      .map(i =>
        i
          .getArguments()
          .map(a => a.getValue())
          .join(' '),
      );

  it('builds on Node 24 and runs as the node user', () => {
    expect(dockerfile.getFROMs()[0].getImageName()).toBe('node');
    expect(dockerfile.getFROMs()[0].getImageTag()).toMatch(/^24/);
    expect(args('USER')).toEqual(['node']);
  });

  it('ships the production config and the folders the agents read', () => {
    const copied = args('COPY').join('\n');
    for (const item of [
      'app-config.production.yaml',
      'yarn.lock',
      'templates',
      'playbooks',
      'policies',
    ]) {
      expect(copied).toContain(item);
      expect(fs.existsSync(path.join(repoRoot, item))).toBe(true);
    }
    const cmd = args('CMD')[0];
    expect(cmd).toContain('app-config.production.yaml');
    expect(args('EXPOSE')).toEqual(['7007']);
  });

  it('registers the shipped templates, and publishes new services to GitLab only', () => {
    const production = parse(
      fs.readFileSync(
        path.join(repoRoot, 'app-config.production.yaml'),
        'utf8',
      ),
    );
    // Relative to the image's working folder, where the COPYs put them.
    const targets = production.catalog.locations.map((l: any) => l.target);
    expect(targets).toContain('./templates/microservice/template.yaml');
    for (const target of targets) {
      expect(fs.existsSync(path.join(repoRoot, target))).toBe(true);
    }
    // Several replicas and a read-only root: no local repositories.
    expect(production.scaffolder.localPublish.enabled).toBe(false);
  });
});
