import { createMockDirectory } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { localSourceFolder } from './localSourceFolder';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default', annotations },
  spec: {},
});

describe('localSourceFolder', () => {
  const dir = createMockDirectory({
    content: {
      'catalog/entities.yaml': '',
      'catalog/checkout/Dockerfile': 'FROM alpine:3.20\n',
      'repos/orders/main.tf': '',
    },
  });

  it('takes an absolute file: folder as it is', () => {
    expect(
      localSourceFolder(
        entity({
          'backstage.io/source-location': `file:${dir.resolve(
            'repos/orders',
          )}/`,
        }),
      ),
    ).toBe(dir.resolve('repos/orders'));
  });

  it("resolves a relative folder from the entity's own catalog file", () => {
    expect(
      localSourceFolder(
        entity({
          'backstage.io/managed-by-location': `file:${dir.resolve(
            'catalog/entities.yaml',
          )}`,
          'backstage.io/source-location': 'file:./checkout/',
        }),
      ),
    ).toBe(dir.resolve('catalog/checkout'));
  });

  it('says why other sources cannot be scanned', () => {
    expect(() => localSourceFolder(entity({}))).toThrow(
      /component:default\/checkout has no backstage.io\/source-location annotation/,
    );
    expect(() =>
      localSourceFolder(
        entity({
          'backstage.io/source-location':
            'url:https://gitlab.example.com/payments/checkout/-/tree/main/',
        }),
      ),
    ).toThrow(/only a local 'file:' folder can be scanned/);
    expect(() =>
      localSourceFolder(
        entity({
          'backstage.io/source-location': `file:${dir.resolve('missing')}/`,
        }),
      ),
    ).toThrow(/does not exist or is not a folder/);
    expect(() =>
      localSourceFolder(
        entity({ 'backstage.io/source-location': 'no-type-here' }),
      ),
    ).toThrow(/invalid backstage.io\/source-location 'no-type-here'/);
  });
});
