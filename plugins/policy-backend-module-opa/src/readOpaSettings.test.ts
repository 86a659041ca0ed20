import { ConfigReader } from '@backstage/config';
import { readOpaSettings } from './readOpaSettings';

const read = (opa: object | undefined) =>
  readOpaSettings(new ConfigReader(opa ? { policy: { opa } } : {}));

describe('readOpaSettings', () => {
  it('is undefined without policy.opa.baseUrl', () => {
    expect(read(undefined)).toBeUndefined();
    expect(read({ path: 'x/deny' })).toBeUndefined();
  });

  it('reads the server, the decision path and the timeout, with defaults', () => {
    expect(read({ baseUrl: 'http://opa:8181/' })).toEqual({
      baseUrl: 'http://opa:8181',
      path: 'agentic/policy/deny',
      timeoutMs: 10_000,
      token: undefined,
    });
    expect(
      read({
        baseUrl: 'https://opa.example.com',
        path: '/v1/data/org/infra/violations/',
        timeoutSeconds: 2.5,
        token: 't',
      }),
    ).toEqual({
      baseUrl: 'https://opa.example.com',
      path: 'org/infra/violations',
      timeoutMs: 2500,
      token: 't',
    });
  });

  it('names the key of a wrong value', () => {
    expect(() => read({ baseUrl: 'opa:8181' })).toThrow(
      "Invalid config: policy.opa.baseUrl must be an http(s) URL, got 'opa:8181'",
    );
    expect(() => read({ baseUrl: 'not a url' })).toThrow(
      /policy\.opa\.baseUrl must be an http\(s\) URL/,
    );
    expect(() => read({ baseUrl: 'http://opa', path: 'a b/deny' })).toThrow(
      "Invalid config: policy.opa.path must be a decision path such as agentic/policy/deny, got 'a b/deny'",
    );
    expect(() => read({ baseUrl: 'http://opa', timeoutSeconds: 0 })).toThrow(
      'Invalid config: policy.opa.timeoutSeconds must be a positive number, got 0',
    );
  });
});
