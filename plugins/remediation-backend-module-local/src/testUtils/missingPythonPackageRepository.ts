import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gitAs } from '../git';

const FIXTURE = resolvePackagePath(
  '@agentic-devops/plugin-remediation-backend-module-local',
  'fixtures/missing-python-package',
);

/**
 * Writes a small Python project into `dir` (created when missing) and makes
 * it a git repository with one commit on `main`. Its pipeline's `test` job
 * fails with `ModuleNotFoundError: No module named 'yaml'`: the code imports
 * yaml and requirements.txt lacks PyYAML. With PyYAML added to
 * requirements.txt the job passes. There is no package index: the job
 * installs the requirements with `ci/offline_install.py`, which copies them
 * from the machine's Python (or Debian's python3-yaml) and fails like pip
 * when a requirement is not there; the tests then run without
 * site-packages, so they see only what requirements.txt installed.
 */
export async function createMissingPythonPackageRepository(
  dir: string,
): Promise<{ path: string; branch: string; commitSha: string }> {
  await fs.mkdir(dir, { recursive: true });
  await fs.cp(FIXTURE, dir, { recursive: true });
  await fs.writeFile(
    path.join(dir, '.gitignore'),
    '.deps/\n__pycache__/\n.gitlab-ci-local/\n',
  );
  const git = gitAs(dir, { name: 'Fixture', email: 'fixture@localhost' });
  await git.raw(['init', '--quiet', '--initial-branch=main']);
  await git.raw(['add', '--all']);
  await git.raw([
    'commit',
    '--quiet',
    '--no-verify',
    '-m',
    'Load settings from YAML',
  ]);
  return {
    path: await fs.realpath(dir),
    branch: 'main',
    commitSha: await git.raw(['rev-parse', 'HEAD']),
  };
}
