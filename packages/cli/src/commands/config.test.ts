import path from 'node:path';
import { runConfigCheck } from './config';

const repoRoot = path.resolve(__dirname, '../../../..');

describe('agentic config check', () => {
  it('passes the embedded defaults', async () => {
    const lines: string[] = [];
    const code = await runConfigCheck(
      { config: ['app-config.yaml'], cwd: repoRoot, env: {} },
      l => lines.push(l),
    );
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(
      /Configuration OK .*database: better-sqlite3/,
    );
  });

  it('names the missing keys of the production config', async () => {
    const lines: string[] = [];
    const code = await runConfigCheck(
      {
        config: ['app-config.yaml', 'app-config.production.yaml'],
        cwd: repoRoot,
        env: { APP_BASE_URL: 'https://portal.example.com' },
      },
      l => lines.push(l),
    );
    expect(code).toBe(1);
    const text = lines.join('\n');
    expect(text).toContain(
      'backend.database.connection.host is missing (set POSTGRES_HOST)',
    );
    expect(text).toContain(
      'integrations.gitlab[0].token is missing (set GITLAB_TOKEN)',
    );
    expect(text).not.toContain('ANTHROPIC_API_KEY');
  });
});
