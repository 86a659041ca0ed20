import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createServiceValidateAction } from './serviceValidate';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

describe('agentic:service:validate', () => {
  const repositories = createMockDirectory({
    content: { 'taken-locally/README.md': '# mine', 'empty-folder': {} },
  });
  const action = createServiceValidateAction({
    catalog: catalogServiceMock({
      entities: [
        entity('Group', 'payments-team'),
        entity('User', 'alice'),
        entity('Component', 'checkout'),
        entity('API', 'checkout-api'),
        entity('Resource', 'orders-db'),
        entity('System', 'payments'),
      ],
    }),
    auth: mockServices.auth(),
    localPublishDirectory: repositories.path,
  });

  const valid = {
    name: 'orders-api',
    owner: 'group:default/payments-team',
    language: 'go',
    database: 'dynamodb',
    apiType: 'rest',
  };
  const run = (input: Record<string, unknown>) => {
    const ctx = createMockActionContext({
      input: input as any,
      logger: mockServices.logger.mock(),
    });
    return { ctx, done: action.handler(ctx as any) };
  };

  it('lets a good request through, with the entity it will be', async () => {
    const { ctx, done } = run({
      ...valid,
      owner: 'payments-team',
      apiType: '',
    });
    await done;
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/orders-api',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'ownerRef',
      'group:default/payments-team',
    );
    // A name used by a kind a service does not collide with is fine.
    await run({ ...valid, name: 'payments', owner: 'user:default/alice' }).done;
    // So is an empty folder.
    await run({ ...valid, name: 'empty-folder' }).done;
  });

  it('refuses a bad pattern, an unknown language or database and an API type not offered, naming each', async () => {
    await expect(
      run({
        ...valid,
        name: 'Orders API',
        language: 'rust',
        database: 'oracle',
        apiType: 'graphql',
      }).done,
    ).rejects.toThrow(
      /^Cannot create the service: name: must be kebab-case.*; language: unknown language 'rust': choose one of python, nodejs, go; database: unknown database 'oracle': choose one of postgresql, dynamodb, none; apiType: API type 'graphql' is not offered/,
    );
  });

  it.each([
    ['checkout', 'component:default/checkout'],
    ['checkout-api', 'api:default/checkout-api'],
    ['orders-db', 'resource:default/orders-db'],
  ])('refuses the name %s, taken by %s', async (name, ref) => {
    await expect(run({ ...valid, name }).done).rejects.toThrow(
      `Cannot create the service: name: '${name}' is already used by ${ref} in the catalog; choose another name`,
    );
  });

  it('refuses an owner the catalog does not have, and a name a local repository has', async () => {
    await expect(
      run({ ...valid, name: 'taken-locally', owner: 'group:default/ghosts' })
        .done,
    ).rejects.toThrow(
      `Cannot create the service: owner: group:default/ghosts is not in the catalog; name: a local repository named 'taken-locally' already exists at ${repositories.resolve(
        'taken-locally',
      )}; choose another name`,
    );
    // Publishing to GitLab, the local folder does not matter.
    await run({ ...valid, name: 'taken-locally', publish: 'gitlab' }).done;
  });

  it('refuses publishing locally where it is turned off, and lets GitLab through', async () => {
    const off = createServiceValidateAction({
      catalog: catalogServiceMock({
        entities: [entity('Group', 'payments-team')],
      }),
      auth: mockServices.auth(),
      localPublishDirectory: undefined,
    });
    const ctx = (publish?: string) =>
      createMockActionContext({
        input: { ...valid, ...(publish ? { publish } : {}) } as any,
        logger: mockServices.logger.mock(),
      }) as any;
    await expect(off.handler(ctx('local'))).rejects.toThrow(
      'Cannot create the service: publish: publishing to a local repository is turned off in this portal (scaffolder.localPublish.enabled: false); publish to GitLab',
    );
    await expect(off.handler(ctx())).rejects.toThrow(/turned off/);
    await off.handler(ctx('gitlab'));
  });
});
