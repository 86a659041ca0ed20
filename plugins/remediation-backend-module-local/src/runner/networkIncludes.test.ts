import { createMockDirectory } from '@backstage/backend-test-utils';
import { findNetworkInclude } from './networkIncludes';

describe('findNetworkInclude', () => {
  const mockDir = createMockDirectory();

  it.each([
    [
      "include: 'https://ci.example.com/a.yml'\n",
      "'https://ci.example.com/a.yml'",
    ],
    [
      'include:\n  - template: Auto-DevOps.gitlab-ci.yml\n',
      "'template: Auto-DevOps.gitlab-ci.yml'",
    ],
    ['include:\n  project: group/ci\n  file: /a.yml\n', "'project: group/ci'"],
    [
      'include:\n  - component: $CI_SERVER_FQDN/g/c/build@1\n',
      "'component: $CI_SERVER_FQDN/g/c/build@1'",
    ],
    [
      'child:\n  trigger:\n    include:\n      - remote: https://ci.example.com/c.yml\n',
      "'remote: https://ci.example.com/c.yml'",
    ],
  ])('finds %j', (ci, found) => {
    mockDir.setContent({ '.gitlab-ci.yml': ci });
    return expect(findNetworkInclude(mockDir.path)).resolves.toBe(
      `${found} (included by .gitlab-ci.yml)`,
    );
  });

  it('follows local includes, globs too, and accepts what stays local', async () => {
    mockDir.setContent({
      '.gitlab-ci.yml':
        "include:\n  - 'ci/base.yml'\n  - local: ci/jobs/*.yml\n",
      'ci/base.yml': 'variables: { A: b }\n',
      'ci/jobs/test.yml': 'test:\n  script: [echo]\n',
    });
    await expect(findNetworkInclude(mockDir.path)).resolves.toBeUndefined();

    mockDir.addContent({
      'ci/jobs/lint.yml':
        "include: { remote: 'https://ci.example.com/l.yml' }\n",
    });
    await expect(findNetworkInclude(mockDir.path)).resolves.toBe(
      "'remote: https://ci.example.com/l.yml' (included by ci/jobs/lint.yml)",
    );
  });
});
