/**
 * Settings that would point a generated service's tests at other storage, or
 * another runtime, than the test means: never inherited from the environment
 * jest runs in.
 */
const NOT_INHERITED = [
  'DATABASE_URL',
  'DYNAMODB_ENDPOINT',
  'DYNAMODB_TABLE',
  // Unset, the services use dummy credentials for a local DynamoDB: the
  // fallback a developer's `make test` relies on, tested here.
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_PROFILE',
  'PYTHON',
  'NODE_OPTIONS',
  'GOFLAGS',
];

/**
 * The environment a generated service's commands (make test, its binary)
 * run with: this process's, without the settings above, plus `variables`
 * (e.g. a ServiceStorage's env).
 */
export function serviceTestEnv(
  variables: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of NOT_INHERITED) {
    delete env[name];
  }
  return { ...env, ...variables };
}
