import {
  AuthService,
  coreServices,
  createBackendPlugin,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { createCatalogRegisterAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DirectoryPreparer } from '@backstage/plugin-techdocs-node';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createPublishLocalAction } from '../actions/publishLocal';
import { localRepositoryUrlReaderFactory } from './LocalRepositoryUrlReader';

jest.setTimeout(60_000);

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-api
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: experimental
  owner: group:default/payments-team
  providesApis: [orders-api]
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: orders-api
spec:
  type: openapi
  lifecycle: experimental
  owner: group:default/payments-team
  definition:
    $text: ./openapi.yaml
`;

// The scaffolder's side: the catalog client its actions get, and the
// backend's URL reader (as TechDocs has it).
let catalog: CatalogService;
let auth: AuthService;
let reader: UrlReaderService;
const scaffolder = createBackendPlugin({
  pluginId: 'scaffolder',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        reader: coreServices.urlReader,
      },
      async init(deps) {
        catalog = deps.catalog;
        auth = deps.auth;
        reader = deps.reader;
      },
    });
  },
});

describe('registering a service published by agentic:publish:local', () => {
  const dir = createMockDirectory({
    content: {
      workspace: {
        'catalog-info.yaml': catalogInfo,
        'openapi.yaml': 'openapi: 3.0.3\ninfo:\n  title: Orders\n',
        'mkdocs.yml': 'site_name: orders-api\n',
        'docs/index.md': '# Orders\n',
      },
      'outside/catalog-info.yaml': catalogInfo.replace(/orders-api/g, 'stray'),
    },
  });
  const repositories = dir.resolve('repositories');
  let backend: Awaited<ReturnType<typeof startTestBackend>>;

  beforeAll(async () => {
    backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolder,
        localRepositoryUrlReaderFactory,
        mockServices.rootConfig.factory({
          data: { scaffolder: { localPublish: { directory: repositories } } },
        }),
      ],
    });
  });
  afterAll(() => backend.stop());

  const register = async (catalogInfoUrl: string) => {
    const ctx = createMockActionContext({
      input: { catalogInfoUrl },
      logger: mockServices.logger.mock(),
    });
    await createCatalogRegisterAction({
      catalog,
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    }).handler(ctx as any);
    return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
  };

  async function eventually<T>(read: () => Promise<T | undefined>) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('not in the catalog in time');
      await new Promise(r => setTimeout(r, 200));
    }
  }

  it("is done by Backstage's catalog:register with the catalogInfoUrl it outputs", async () => {
    const publish = createMockActionContext({
      input: { name: 'orders-api' },
      workspacePath: dir.resolve('workspace'),
      logger: mockServices.logger.mock(),
    });
    await createPublishLocalAction({ directory: repositories }).handler(
      publish as any,
    );
    const published = Object.fromEntries(
      (publish.output as jest.Mock).mock.calls,
    );

    const registered = await register(published.catalogInfoUrl);
    expect(registered).toEqual({
      entityRef: 'component:default/orders-api',
      catalogInfoUrl: published.catalogInfoUrl,
    });

    const credentials = await auth.getOwnServiceCredentials();
    const component = await eventually(() =>
      catalog.getEntityByRef('component:default/orders-api', { credentials }),
    );
    expect(component.spec?.owner).toBe('group:default/payments-team');
    expect(
      component.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toBe(`url:${published.catalogInfoUrl}`);
    // TechDocs reads `dir:.` (the repository's files) through the same reader.
    const { preparedDir } = await DirectoryPreparer.fromConfig(
      new ConfigReader({}),
      { logger: mockServices.logger.mock(), reader },
    ).prepare(component);
    expect(fs.readdirSync(preparedDir, { recursive: true }).sort()).toEqual([
      'catalog-info.yaml',
      'docs',
      'docs/index.md',
      'mkdocs.yml',
      'openapi.yaml',
    ]);
    // Relative references are read through the same reader.
    const api = await eventually(() =>
      catalog.getEntityByRef('api:default/orders-api', { credentials }),
    );
    expect(api.spec?.definition).toBe(
      'openapi: 3.0.3\ninfo:\n  title: Orders\n',
    );
  });

  it('reads no file outside the local repositories folder', async () => {
    await expect(
      register(pathToFileURL(dir.resolve('outside/catalog-info.yaml')).href),
    ).rejects.toMatchObject({
      body: {
        error: {
          message: expect.stringMatching(
            /Reading from 'file:.*outside\/catalog-info.yaml' is not allowed/,
          ),
        },
      },
    });
  });
});
