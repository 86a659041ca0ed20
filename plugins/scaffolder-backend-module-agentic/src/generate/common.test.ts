import { createPolicyCheckAction } from '@agentic-devops/plugin-scaffolder-backend-module-policy';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  createCatalogRegisterAction,
  createFetchTemplateAction,
} from '@backstage/plugin-scaffolder-backend';
import { createPublishGitlabAction } from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { createPublishLocalAction } from '../actions/publishLocal';
import { createServiceValidateAction } from '../actions/serviceValidate';
import { createWorkflowCreateAction } from '../actions/workflowCreate';
import { createWorkflowWaitAction } from '../actions/workflowWait';
import {
  SERVICE_NAME_MAX_LENGTH,
  SERVICE_NAME_MIN_LENGTH,
  SERVICE_NAME_PATTERN,
} from '../service/serviceRequest';
import { listFiles } from '../__testUtils__/listFiles';
import { highOrWorse, policyScan } from '../__testUtils__/policyScan';
import {
  microserviceValues,
  renderMicroservice,
  ServiceDatabase,
} from '../__testUtils__/renderMicroservice';
import { TEMPLATES_DIR } from '../__testUtils__/renderSkeleton';
import { MICROSERVICE_TEMPLATE_STEPS } from '../planner/scaffoldServiceWorkflow';

const TEMPLATE_DIR = path.join(TEMPLATES_DIR, 'microservice');

/** What the test reads of an action's input schema (JSON Schema). */
type InputSchema = {
  properties?: Record<string, unknown>;
  required?: string[];
  anyOf?: InputSchema[];
  oneOf?: InputSchema[];
};

/**
 * The actions the template may use (Backstage's own, the policy module's and
 * this module's), built only for their input schemas: a step naming another
 * action, or giving one an input it does not take, fails on the portal.
 */
function knownActions() {
  const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));
  const unused = {} as any;
  const actions = [
    createFetchTemplateAction({
      reader: mockServices.urlReader.mock(),
      integrations,
    }),
    createPublishGitlabAction({
      integrations,
      config: new ConfigReader({}),
    }),
    createCatalogRegisterAction({ catalog: unused, integrations }),
    createPolicyCheckAction({ scanner: unused, recorder: unused }),
    createServiceValidateAction({
      catalog: unused,
      auth: unused,
      localPublishDirectory: '/nonexistent',
    }),
    createWorkflowCreateAction({ workflows: unused, auth: unused }),
    createWorkflowWaitAction({ workflows: unused, auth: unused }),
    createPublishLocalAction({ directory: '/nonexistent' }),
  ];
  return new Map(
    actions.map(action => [action.id, action.schema?.input as InputSchema]),
  );
}

/** The input names a JSON schema takes, and those it requires (per branch). */
function inputShapes(
  schema: InputSchema,
): Array<{ names: string[]; required: string[] }> {
  const branches = schema.anyOf ?? schema.oneOf ?? [schema];
  return branches.map(branch => ({
    names: Object.keys(branch.properties ?? {}),
    required: branch.required ?? [],
  }));
}

/** The entity validation the catalog applies when it ingests an entity. */
const entityPolicy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);

type Template = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    parameters: Array<{
      properties: Record<string, any>;
      required?: string[];
      dependencies?: Record<string, any>;
    }>;
    steps: Array<{
      id: string;
      action: string;
      if?: string;
      input?: Record<string, any>;
    }>;
    output: { links: Array<Record<string, string>> };
  };
};

/** The entities of a YAML file, read as the catalog reads them. */
function readEntities(file: string): Entity[] {
  const results = [
    ...parseEntityYaml(fs.readFileSync(file), { type: 'file', target: file }),
  ];
  const errors = results.flatMap(r =>
    r.type === 'error' ? [r.error.message] : [],
  );
  if (errors.length) throw new Error(`${file}: ${errors.join('; ')}`);
  return results.flatMap(r => (r.type === 'entity' ? [r.entity] : []));
}

function readTemplate(): Template {
  const [template, ...others] = readEntities(
    path.join(TEMPLATE_DIR, 'template.yaml'),
  );
  if (!template || others.length) {
    throw new Error('template.yaml must hold exactly one entity');
  }
  return template as unknown as Template;
}

function allProperties(template: Template): Record<string, any> {
  return Object.assign(
    {},
    ...template.spec.parameters.map(page => page.properties),
  );
}

/** The `$ref`s of a JSON document that do not point inside it. */
function danglingRefs(document: unknown): string[] {
  const dangling: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const target = value
            .replace(/^#\//, '')
            .split('/')
            .reduce<any>((at, part) => at?.[part], document);
          if (target === undefined) dangling.push(value);
        } else {
          visit(value);
        }
      }
    }
  };
  visit(document);
  return dangling;
}

describe('the microservice template', () => {
  const template = readTemplate();

  it('is a valid v1beta3 template entity', async () => {
    await expect(
      templateEntityV1beta3Validator.check(template as unknown as Entity),
    ).resolves.toBe(true);
    await expect(
      entityPolicy.enforce(template as unknown as Entity),
    ).resolves.toBeDefined();
    expect(template.metadata.name).toBe('microservice');
  });

  it('runs the steps in order: validate first, register, then the workflow', () => {
    const ids = template.spec.steps.map(step => step.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(template.spec.steps.map(step => step.action)).toEqual([
      'agentic:service:validate',
      'agentic:workflow:create',
      'fetch:template',
      'fetch:template',
      'agentic:policy:check',
      'agentic:publish:local',
      'publish:gitlab',
      'catalog:register',
      'catalog:register',
      'agentic:workflow:wait',
      'agentic:policy:check',
    ]);
  });

  it('gives each action only inputs it takes, and those it requires', () => {
    const actions = knownActions();
    for (const step of template.spec.steps) {
      const schema = actions.get(step.action);
      expect({ step: step.id, known: Boolean(schema) }).toEqual({
        step: step.id,
        known: true,
      });
      const given = Object.keys(step.input ?? {});
      const fits = inputShapes(schema!).some(
        ({ names, required }) =>
          given.every(name => names.includes(name)) &&
          required.every(name => given.includes(name)),
      );
      expect({ step: step.id, given, fits }).toEqual({
        step: step.id,
        given,
        fits: true,
      });
    }
  });

  it('starts the scaffolding workflow for this run, waits until it has checked the request, waits for it after registering, then records the policy scan for the service', () => {
    const byId = Object.fromEntries(
      template.spec.steps.map(step => [step.id, step]),
    );
    // scaffold.service follows the later steps: waiting for all of it before
    // they run would never end.
    expect(byId.workflow.input).toMatchObject({
      definition: 'scaffold.service',
      passTemplateRun: true,
      waitForTasks: ['validate'],
    });
    expect(byId.workflow.input).not.toHaveProperty('wait');
    expect(Object.keys(byId.workflow.input!.parameters).sort()).toEqual(
      ['apiType', 'database', 'language', 'name', 'owner'].sort(),
    );
    // The gate records no entity (not in the catalog yet); the last step does.
    expect(byId.policy.input).toEqual({ failOn: 'high' });
    expect(byId['record-policy'].input).toEqual({
      failOn: 'critical',
      entityRef: '${{ steps.validate.output.entityRef }}',
    });
    expect(byId['workflow-done'].input).toEqual({
      workflowId: '${{ steps.workflow.output.workflowId }}',
    });
  });

  it("has, in the workflow's order, the steps whose phases the workflow follows", () => {
    const ids = template.spec.steps.map(step => step.id);
    const phases = Object.values(MICROSERVICE_TEMPLATE_STEPS);
    for (const stepId of phases.flat()) expect(ids).toContain(stepId);
    const positions = phases.map(phase =>
      phase.map(stepId => ids.indexOf(stepId)),
    );
    for (let i = 1; i < positions.length; i++) {
      expect(Math.min(...positions[i])).toBeGreaterThan(
        Math.max(...positions[i - 1]),
      );
    }
    expect(ids.indexOf('workflow')).toBeLessThan(Math.min(...positions[0]));
  });

  it('fetches skeletons that exist, one per language it offers', () => {
    const urls = template.spec.steps
      .filter(step => step.action === 'fetch:template')
      .map(step => step.input?.url);
    expect(urls).toEqual([
      './skeletons/common',
      './skeletons/${{ parameters.language }}',
    ]);
    const { language } = allProperties(template);
    expect(language.enum).toEqual(['python', 'nodejs', 'go']);
    for (const skeleton of ['common', ...language.enum]) {
      expect(
        fs.existsSync(path.join(TEMPLATE_DIR, 'skeletons', skeleton)),
      ).toBe(true);
    }
  });

  it('checks the service name in the form as agentic:service:validate does', () => {
    const { name } = allProperties(template);
    expect(name).toMatchObject({
      pattern: SERVICE_NAME_PATTERN,
      minLength: SERVICE_NAME_MIN_LENGTH,
      maxLength: SERVICE_NAME_MAX_LENGTH,
    });
    const pattern = new RegExp(name.pattern);
    for (const good of ['orders', 'orders-api', 'a1-b2-c3']) {
      expect(pattern.test(good)).toBe(true);
    }
    for (const bad of [
      'Orders',
      '1orders',
      '-orders',
      'orders-',
      'a--b',
      'a_b',
    ]) {
      expect(pattern.test(bad)).toBe(false);
    }
    const required = template.spec.parameters.flatMap(
      page => page.required ?? [],
    );
    expect(required).toEqual(
      expect.arrayContaining(['name', 'owner', 'language', 'database']),
    );
  });

  it('offers the languages, databases and API types the skeletons support', () => {
    const { database, apiType, publishTo } = allProperties(template);
    expect(database.enum).toEqual(['postgresql', 'dynamodb', 'none']);
    expect(apiType.enum).toEqual(['rest']);
    expect(publishTo.enum).toEqual(['local', 'gitlab']);
    expect(publishTo.default).toBe('local');
  });

  it('asks for a GitLab repository only when publishing to GitLab', () => {
    const page = template.spec.parameters.find(p => p.properties.publishTo)!;
    expect(page.properties.repoUrl).toBeUndefined();
    const branches = page.dependencies!.publishTo.oneOf as Array<{
      properties: Record<string, any>;
      required?: string[];
    }>;
    const gitlab = branches.find(
      b => b.properties.publishTo.const === 'gitlab',
    )!;
    expect(gitlab.required).toEqual(['repoUrl']);
    expect(gitlab.properties.repoUrl['ui:field']).toBe('RepoUrlPicker');
    const local = branches.find(b => b.properties.publishTo.const === 'local')!;
    expect(local.properties.repoUrl).toBeUndefined();
  });

  it('publishes and registers once, by the target chosen', () => {
    const byId = Object.fromEntries(
      template.spec.steps.map(step => [step.id, step]),
    );
    expect(byId['publish-local'].if).toMatch(/publishTo == 'local'/);
    expect(byId['publish-gitlab'].if).toMatch(/publishTo == 'gitlab'/);
    expect(byId['register-local'].if).toBe(byId['publish-local'].if);
    expect(byId['register-gitlab'].if).toBe(byId['publish-gitlab'].if);
    expect(byId['register-local'].input?.catalogInfoUrl).toBe(
      "${{ steps['publish-local'].output.catalogInfoUrl }}",
    );
    expect(byId['register-gitlab'].input).toMatchObject({
      repoContentsUrl: "${{ steps['publish-gitlab'].output.repoContentsUrl }}",
      catalogInfoPath: '/catalog-info.yaml',
    });
  });
});

describe('the common skeleton', () => {
  const dir = createMockDirectory();

  const variants: Array<{
    database: ServiceDatabase;
    gitlabProject: string;
  }> = [
    { database: 'postgresql', gitlabProject: 'payments/orders-api' },
    { database: 'postgresql', gitlabProject: '' },
    { database: 'dynamodb', gitlabProject: 'payments/orders-api' },
    { database: 'dynamodb', gitlabProject: '' },
    { database: 'none', gitlabProject: 'payments/orders-api' },
    { database: 'none', gitlabProject: '' },
  ];

  describe.each(variants)(
    'database $database, GitLab project "$gitlabProject"',
    ({ database, gitlabProject }) => {
      const values = microserviceValues('python', database, {
        description: 'Takes orders: "quoted", with a colon.',
        system: gitlabProject ? 'system:default/checkout' : '',
        gitlabProject,
      });
      const workspace = dir.path;

      beforeAll(async () => {
        dir.clear();
        await renderMicroservice({ workspace, skeletons: ['common'], values });
      });

      it('renders every file, with no template syntax left', () => {
        const files = listFiles(workspace);
        expect(files).toEqual(
          [
            '.gitlab-ci.yml',
            'README.md',
            'catalog-info.yaml',
            'docs/api.md',
            'docs/index.md',
            'docs/operations.md',
            'k8s/deployment.yaml',
            'k8s/ingress.yaml',
            'k8s/service.yaml',
            'mkdocs.yml',
            'openapi.yaml',
            ...(database === 'none'
              ? []
              : ['terraform/main.tf', 'terraform/variables.tf']),
            'terraform/outputs.tf',
            'terraform/versions.tf',
          ].sort(),
        );
        for (const file of files) {
          const content = fs.readFileSync(path.join(workspace, file), 'utf8');
          expect({ file, leftover: /\$\{\{|\{%|%\}/.test(content) }).toEqual({
            file,
            leftover: false,
          });
        }
      });

      it('writes YAML that parses', () => {
        for (const file of listFiles(workspace).filter(f =>
          /\.ya?ml$/.test(f),
        )) {
          const documents = parseAllDocuments(
            fs.readFileSync(path.join(workspace, file), 'utf8'),
          );
          for (const document of documents) {
            expect({
              file,
              errors: document.errors.map(e => e.message),
            }).toEqual({ file, errors: [] });
          }
        }
      });

      it('registers a component that provides its API', async () => {
        const [component, api, ...others] = readEntities(
          path.join(workspace, 'catalog-info.yaml'),
        );
        expect(others).toEqual([]);

        // The catalog resolves $text placeholders before validating.
        expect(api.spec?.definition).toEqual({ $text: './openapi.yaml' });
        api.spec!.definition = fs.readFileSync(
          path.join(workspace, 'openapi.yaml'),
          'utf8',
        );

        for (const entity of [component, api]) {
          await expect(entityPolicy.enforce(entity)).resolves.toBeDefined();
        }
        await expect(
          componentEntityV1alpha1Validator.check(component),
        ).resolves.toBe(true);
        await expect(apiEntityV1alpha1Validator.check(api)).resolves.toBe(true);

        expect(component.metadata).toMatchObject({
          name: 'orders-api',
          description: values.description,
        });
        expect(component.spec).toMatchObject({
          type: 'service',
          lifecycle: 'experimental',
          owner: values.owner,
          providesApis: ['api:orders-api'],
        });
        expect(api.metadata.name).toBe('orders-api');
        expect(api.spec).toMatchObject({
          type: 'openapi',
          owner: values.owner,
        });
        for (const entity of [component, api]) {
          expect(entity.spec?.system).toBe(values.system || undefined);
        }
        expect(component.metadata.annotations).toEqual({
          'backstage.io/techdocs-ref': 'dir:.',
          'backstage.io/kubernetes-id': 'orders-api',
          ...(gitlabProject
            ? { 'gitlab.com/project-slug': gitlabProject }
            : {}),
        });
      });

      it('describes the contract API in OpenAPI 3.0', () => {
        const document = parseYaml(
          fs.readFileSync(path.join(workspace, 'openapi.yaml'), 'utf8'),
        );
        expect(document.openapi).toMatch(/^3\.0\./);
        expect(document.info.title).toBe('orders-api');
        const routes = Object.entries<Record<string, unknown>>(
          document.paths,
        ).flatMap(([route, item]) =>
          Object.keys(item)
            .filter(key => key !== 'parameters')
            .map(method => `${method.toUpperCase()} ${route}`),
        );
        expect(routes.sort()).toEqual(
          [
            'GET /health',
            'GET /items',
            'POST /items',
            'GET /items/{id}',
            'PUT /items/{id}',
            'DELETE /items/{id}',
          ].sort(),
        );
        expect(Object.keys(document.paths['/items'].post.responses)).toEqual(
          expect.arrayContaining(['201', '400', '422']),
        );
        expect(
          Object.keys(document.paths['/items/{id}'].delete.responses),
        ).toContain('204');
        expect(
          Object.keys(document.paths['/items/{id}'].get.responses),
        ).toContain('404');
        expect(danglingRefs(document)).toEqual([]);
      });

      it('deploys a pinned image with the storage settings from a Secret', () => {
        const [, deployment] = parseAllDocuments(
          fs.readFileSync(path.join(workspace, 'k8s/deployment.yaml'), 'utf8'),
        ).map(document => document.toJS());
        const container = deployment.spec.template.spec.containers[0];
        expect(container.image).toBe('registry.example.com/orders-api:0.1.0');
        const fromSecrets = (container.env ?? [])
          .filter((env: any) => env.valueFrom?.secretKeyRef)
          .map((env: any) => env.name);
        expect(fromSecrets).toEqual(
          {
            postgresql: ['DATABASE_URL'],
            dynamodb: ['DYNAMODB_TABLE', 'AWS_REGION'],
            none: [],
          }[database],
        );
        for (const probe of ['readinessProbe', 'livenessProbe']) {
          expect(container[probe].httpGet.path).toBe('/health');
        }
      });

      it('runs the policy stage in CI and deploys from the default branch only', () => {
        const ci = parseYaml(
          fs.readFileSync(path.join(workspace, '.gitlab-ci.yml'), 'utf8'),
        );
        expect(ci.stages).toEqual(['test', 'build', 'policy', 'deploy']);
        expect(ci.policy.script).toEqual([
          'agentic policy scan . --fail-on high --sarif > gl-sast-report.json',
        ]);
        expect(ci.deploy.rules).toEqual([
          { if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
        ]);
        expect(ci.test.variables).toMatchObject(
          {
            postgresql: { DATABASE_URL: expect.stringMatching(/^postgresql:/) },
            dynamodb: { DYNAMODB_ENDPOINT: expect.stringMatching(/^http:/) },
            none: {},
          }[database],
        );
      });

      it('passes the Policy agent with no high or critical finding', async () => {
        const report = await policyScan(workspace);
        expect(report.errors).toEqual([]);
        expect(highOrWorse(report)).toEqual([]);
        // What was judged: the manifests always, the Terraform resources
        // when there is a database.
        expect(report.summary.resources).toBeGreaterThan(
          database === 'none' ? 2 : 6,
        );
      }, 60_000);
    },
  );
});
