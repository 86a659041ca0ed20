import {
  componentRefOf,
  parseServiceRequest,
  SERVICE_NAME_PATTERN,
} from './serviceRequest';

const valid = {
  name: 'orders-api',
  owner: 'payments-team',
  language: 'python',
  database: 'postgresql',
};

describe('parseServiceRequest', () => {
  it('normalises the owner to a full ref and defaults the API type to rest', () => {
    expect(parseServiceRequest(valid)).toEqual({
      ...valid,
      owner: 'group:default/payments-team',
      apiType: 'rest',
    });
    expect(
      parseServiceRequest({ ...valid, owner: 'user:default/alice' }).owner,
    ).toBe('user:default/alice');
  });

  it.each([
    ['Orders', /name: must be kebab-case/],
    ['orders--api', /name: must be kebab-case/],
    ['orders-', /name: must be kebab-case/],
    ['1orders', /name: must be kebab-case/],
    ['orders_api', /name: must be kebab-case/],
    ['ab', /name: must have at least 3 characters/],
    ['a'.repeat(41), /name: must have at most 40 characters/],
  ])('refuses the name %s', (name, message) => {
    expect(() => parseServiceRequest({ ...valid, name })).toThrow(message);
  });

  it('names every problem at once, with the values on offer', () => {
    expect(() =>
      parseServiceRequest({
        name: 'Bad Name',
        owner: 'component:default/x',
        language: 'rust',
        database: 'mongodb',
        apiType: 'grpc',
      }),
    ).toThrow(
      "Cannot create the service: name: must be kebab-case: lowercase letters and digits in words joined by single hyphens, starting with a letter (e.g. orders-api); owner: 'component:default/x' is not a group or user ref such as group:default/payments-team; language: unknown language 'rust': choose one of python, nodejs, go; database: unknown database 'mongodb': choose one of postgresql, dynamodb, none; apiType: API type 'grpc' is not offered: only rest services are generated and verified here",
    );
    expect(() => parseServiceRequest({ name: 'orders-api' })).toThrow(
      /owner: .*; language: is required: one of python, nodejs, go; database: is required: one of postgresql, dynamodb, none/,
    );
  });

  it('offers the pattern for a template, matching what the schema accepts', () => {
    const pattern = new RegExp(SERVICE_NAME_PATTERN);
    expect(pattern.test('orders-api')).toBe(true);
    expect(pattern.test('orders-API')).toBe(false);
    expect(componentRefOf('orders-api')).toBe('component:default/orders-api');
  });
});
