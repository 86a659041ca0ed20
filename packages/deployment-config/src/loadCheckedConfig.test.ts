import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import {
  checkDeploymentConfig,
  formatConfigProblems,
} from './checkDeploymentConfig';
import { loadCheckedConfig } from './loadCheckedConfig';

const repoRoot = path.resolve(__dirname, '../../..');

const productionEnv = {
  APP_BASE_URL: 'https://portal.example.com',
  BACKEND_SECRET: 'a-long-shared-secret-for-all-replicas',
  POSTGRES_HOST: 'db.internal',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 'pw',
  GITLAB_HOST: 'gitlab.example.com',
  GITLAB_TOKEN: 'glpat-example',
  AUTH_GITLAB_CLIENT_ID: 'client-id',
  AUTH_GITLAB_CLIENT_SECRET: 'client-secret',
  GITLAB_WEBHOOK_SECRET: 'a-webhook-secret-of-some-length',
};

function loadProduction(env: Record<string, string | undefined>) {
  return loadCheckedConfig({
    rootDir: repoRoot,
    argv: [
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ],
    env,
    watch: false,
  });
}

async function problemsOf(env: Record<string, string | undefined>) {
  const { config, problems } = await loadProduction(env);
  config.close();
  return problems;
}

describe('loadCheckedConfig', () => {
  it('accepts the embedded defaults', async () => {
    const { config, problems } = await loadCheckedConfig({
      rootDir: repoRoot,
      argv: ['--config', 'app-config.yaml'],
      env: {},
      watch: false,
    });
    expect(problems).toEqual([]);
    expect(config.getString('backend.database.client')).toBe('better-sqlite3');
  });

  it('accepts a complete production environment, with or without an Anthropic key', async () => {
    expect(await problemsOf(productionEnv)).toEqual([]);
    const { config, problems } = await loadProduction({
      ...productionEnv,
      ANTHROPIC_API_KEY: 'sk-ant-test',
    });
    expect(problems).toEqual([]);
    expect(config.getString('agentic.reasoning.anthropic.apiKey')).toBe(
      'sk-ant-test',
    );
    expect(config.getString('backend.database.connection.host')).toBe(
      'db.internal',
    );
  });

  it.each([
    ['POSTGRES_HOST', 'backend.database.connection.host', /is missing/],
    ['POSTGRES_USER', 'backend.database.connection.user', /is missing/],
    ['POSTGRES_PASSWORD', 'backend.database.connection.password', /is missing/],
    ['GITLAB_TOKEN', 'integrations.gitlab[0].token', /is missing/],
    ['GITLAB_HOST', 'integrations.gitlab[0].host', /is missing/],
    [
      'AUTH_GITLAB_CLIENT_SECRET',
      'auth.providers.gitlab.production.clientSecret',
      /is missing/,
    ],
    ['BACKEND_SECRET', 'backend.auth.keys[0].secret', /is missing/],
    [
      'GITLAB_WEBHOOK_SECRET',
      'events.modules.gitlab.webhookSecret',
      /is missing/,
    ],
    ['APP_BASE_URL', 'app.baseUrl', /is missing/],
  ])('names %s when it is unset', async (envVar, key, message) => {
    const problems = await problemsOf({
      ...productionEnv,
      [envVar]: undefined,
    });
    expect(problems).toContainEqual({
      key,
      message: expect.stringMatching(message),
      envVar,
    });
  });

  it.each([
    [
      'POSTGRES_PORT',
      'abc',
      'backend.database.connection.port',
      /must be a port number.*'abc'/,
    ],
    [
      'POSTGRES_PORT',
      '70000',
      'backend.database.connection.port',
      /must be a port number/,
    ],
    [
      'GITLAB_HOST',
      'https://gitlab.com',
      'integrations.gitlab[0].host',
      /without scheme/,
    ],
    ['APP_BASE_URL', 'portal.example.com', 'app.baseUrl', /http\(s\) URL/],
    ['POSTGRES_HOST', '   ', 'backend.database.connection.host', /is empty/],
    [
      'GITLAB_WEBHOOK_SECRET',
      'short',
      'events.modules.gitlab.webhookSecret',
      /at least 16 characters/,
    ],
  ])('names %s when it is %p', async (envVar, value, key, message) => {
    const problems = await problemsOf({ ...productionEnv, [envVar]: value });
    expect(problems).toContainEqual({
      key,
      message: expect.stringMatching(message),
      envVar,
    });
  });

  it('formats every problem with its key and env var', async () => {
    const problems = await problemsOf({
      ...productionEnv,
      POSTGRES_HOST: undefined,
      POSTGRES_PORT: 'x',
    });
    const text = formatConfigProblems(problems);
    expect(text).toContain(
      'backend.database.connection.host is missing (set POSTGRES_HOST)',
    );
    expect(text).toContain(
      "backend.database.connection.port must be a port number (1-65535), got 'x' (set POSTGRES_PORT)",
    );
  });
});

describe('checkDeploymentConfig', () => {
  it('rejects an unknown database client', () => {
    const problems = checkDeploymentConfig(
      new ConfigReader({
        app: { baseUrl: 'http://localhost:3000' },
        backend: {
          baseUrl: 'http://localhost:7007',
          database: { client: 'mysql2' },
        },
      }),
    );
    expect(problems).toEqual([
      {
        key: 'backend.database.client',
        message: expect.stringContaining("must be 'pg'"),
      },
    ]);
  });

  it('accepts a PostgreSQL connection string', () => {
    const config = new ConfigReader({
      app: { baseUrl: 'http://localhost:3000' },
      backend: {
        baseUrl: 'http://localhost:7007',
        database: {
          client: 'pg',
          connection: 'postgresql://u:p@127.0.0.1:5432/x',
        },
      },
    });
    expect(checkDeploymentConfig(config)).toEqual([]);
  });
});
