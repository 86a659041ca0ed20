import fs from 'node:fs';
import path from 'node:path';

/** The installed gitlab-ci-local: its CLI script and version. */
export function gitlabCiLocalPackage(): { bin: string; version: string } {
  const manifestPath = require.resolve('gitlab-ci-local/package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const bin =
    typeof manifest.bin === 'string'
      ? manifest.bin
      : manifest.bin?.['gitlab-ci-local'];
  return {
    bin: path.resolve(path.dirname(manifestPath), bin),
    version: manifest.version,
  };
}

/**
 * Flags for every run: every job in the shell executor (there is no
 * container engine; `image:` is ignored as GitLab's shell runners do), plain
 * output whose lines start with the bare job name, and a home folder of our
 * own so the machine user's ~/.gitlab-ci-local settings do not apply.
 */
export function gitlabCiLocalArgs(home: string): string[] {
  return [
    '--no-color',
    '--force-shell-executor',
    '--no-shell-isolation',
    '--max-job-name-padding',
    '0',
    '--home',
    home,
  ];
}

/**
 * What a job's shell sees of the backend's environment: the machine's tools,
 * locale and proxy/CA settings, never the backend's own secrets (tokens, API
 * keys, database passwords).
 */
const INHERITED_ENV = [
  /^(PATH|HOME|USER|LOGNAME|SHELL|LANG|LANGUAGE|TZ|TMPDIR|TERM)$/,
  /^LC_[A-Z]+$/,
  /^(HTTPS?|NO|ALL)_PROXY$/i,
  /^(SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|PIP_CERT|NODE_EXTRA_CA_CERTS)$/,
  /^PYENV_[A-Z_]+$/,
];

/**
 * The environment of a gitlab-ci-local process. Project variables go in as
 * `GCL_VARIABLE_<name>`, which gitlab-ci-local turns into job variables
 * exactly like `--variable name=value` (and removes from the job's
 * environment), without putting their values on a command line that every
 * local user can read in the process list.
 */
export function gitlabCiLocalEnv(
  variables: Record<string, string>,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && INHERITED_ENV.some(p => p.test(key))) {
      env[key] = value;
    }
  }
  for (const [name, value] of Object.entries(variables)) {
    env[`GCL_VARIABLE_${name}`] = value;
  }
  return env;
}
