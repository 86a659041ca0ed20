import { execFileSync } from 'node:child_process';
import path from 'node:path';

describe('the generated OpenAPI router', () => {
  it('is up to date with schema/openapi.yaml', () => {
    const repoRoot = path.resolve(__dirname, '../../../..');
    // Exits 1 with a message when the spec changed without regenerating.
    expect(() =>
      execFileSync(
        process.execPath,
        [
          'scripts/openapi/generate-router.js',
          'plugins/policy-backend',
          '--check',
        ],
        { cwd: repoRoot, stdio: 'pipe' },
      ),
    ).not.toThrow();
  });
});
