import { Command } from 'commander';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerPolicyCommands } from '.';

const POLICIES = path.resolve(__dirname, '../../../../../policies');

async function run(args: string[], cwd: string) {
  const lines: string[] = [];
  const program = new Command('agentic').exitOverride();
  registerPolicyCommands(program, l => lines.push(l));
  process.exitCode = undefined;
  const before = process.cwd();
  process.chdir(cwd);
  try {
    await program.parseAsync(['node', 'agentic', ...args]);
  } finally {
    process.chdir(before);
  }
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  return { lines, exitCode };
}

describe('agentic policy scan', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-policy-')),
    );
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(
      path.join(dir, 'app', 'Dockerfile'),
      'FROM node:20.11-alpine\nRUN curl -fsSL https://get.example.com/install.sh | sh\nUSER node\n',
    );
    fs.writeFileSync(
      path.join(dir, 'app', 'settings.env'),
      'GITLAB_TOKEN=glpat-Zx8cVb7nM6aSdF5gH4jK\n',
    );
    fs.writeFileSync(
      path.join(dir, 'app', 'broken.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: [\n',
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const scan = (...args: string[]) =>
    run(['policy', 'scan', '--policies', POLICIES, ...args], dir);

  it('prints findings and a summary as JSON, with the issue fields', async () => {
    const { lines, exitCode } = await scan('--json', 'app');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]);
    expect(
      report.findings.map((f: any) => [f.ruleId, f.severity, f.file]),
    ).toEqual([
      ['hardcoded-secret', 'critical', 'app/settings.env'],
      ['docker-curl-pipe-shell', 'high', 'app/Dockerfile'],
    ]);
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining([
          'ruleId',
          'severity',
          'file',
          'line',
          'resource',
          'message',
          'remediation',
        ]),
      );
    }
    expect(JSON.stringify(report)).not.toContain('glpat-Zx8cVb7nM6aSdF5gH4jK');
    expect(report.summary).toMatchObject({ findings: 2, errors: 1 });
    // The broken manifest is reported; the rest was still scanned.
    expect(report.errors).toEqual([
      { file: 'app/broken.yaml', error: expect.stringContaining('line') },
    ]);
    expect(exitCode).toBe(2);
  });

  it('sets the exit code from --fail-on', async () => {
    expect(
      (await scan('--json', '--fail-on', 'critical', 'app')).exitCode,
    ).toBe(1);
    expect(
      (await scan('--json', '--fail-on', 'low', 'app/Dockerfile')).exitCode,
    ).toBe(1);
    // Nothing critical in the Dockerfile, and nothing unreadable.
    expect(
      (await scan('--json', '--fail-on', 'critical', 'app/Dockerfile'))
        .exitCode,
    ).toBe(0);
  });

  it('refuses an unknown severity', async () => {
    await expect(scan('--fail-on', 'urgent', 'app')).rejects.toThrow(
      /critical, high, medium, low/,
    );
  });

  it('prints SARIF 2.1.0', async () => {
    const { lines } = await scan('--sarif', 'app/Dockerfile');
    const sarif = JSON.parse(lines.join('\n'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toEqual([
      expect.objectContaining({
        ruleId: 'docker-curl-pipe-shell',
        level: 'error',
        locations: [
          expect.objectContaining({
            physicalLocation: expect.objectContaining({
              artifactLocation: { uri: 'app/Dockerfile' },
            }),
          }),
        ],
      }),
    ]);
    expect(sarif.runs[0].tool.driver.rules).toHaveLength(27);
  });

  it('prints a readable report by default', async () => {
    const { lines } = await scan('app/Dockerfile');
    expect(lines[0]).toMatch(
      /^HIGH\s+docker-curl-pipe-shell {2}app\/Dockerfile:\d+ {2}app\/Dockerfile$/,
    );
    expect(lines.at(-1)).toBe(
      '1 finding(s) (0 critical, 1 high, 0 medium, 0 low) in 1 file(s), 1 resource(s); 0 error(s)',
    );
  });
});
