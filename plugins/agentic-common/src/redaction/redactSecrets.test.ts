import { createLineRedactor, redactSecrets } from './redactSecrets';

// Fake secrets are assembled at run time so secret scanners do not flag this file.
const chars = (n: number, alphabet = 'aB3dE5fG7h') =>
  Array.from({ length: n }, (_, i) => alphabet[i % alphabet.length]).join('');

const fake = {
  glpat: `glpat-${chars(20)}`,
  gldt: `gldt-${chars(20)}`,
  glptt: `glptt-${chars(40)}`,
  glrt: `glrt-${chars(20)}`,
  glcbt: `glcbt-64_${chars(20)}`,
  glsoat: `glsoat-${chars(20)}`,
  gloas: `gloas-${chars(64, '0123456789abcdef')}`,
  runnerRegistration: `GR1348941${chars(20)}`,
  ghp: `ghp_${chars(36)}`,
  gho: `gho_${chars(36)}`,
  ghu: `ghu_${chars(36)}`,
  ghs: `ghs_${chars(36)}`,
  ghr: `ghr_${chars(36)}`,
  githubPat: `github_pat_11${chars(20)}_${chars(59)}`,
  xoxb: `xoxb-1234567890-0987654321-${chars(24)}`,
  xoxp: `xoxp-1234567890-0987654321-${chars(24)}`,
  xapp: `xapp-1-A0123456789-1234567890-${chars(32)}`,
  slackWebhook: `https://hooks.slack.com/services/T0000${chars(4)}/B0000${chars(
    4,
  )}/${chars(24)}`,
  akia: `AKIA${chars(16, 'ABCDEFGHIJ0123456789')}`,
  asia: `ASIA${chars(16, 'QRSTUVWXYZ0123456789')}`,
  awsSecret: chars(40, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY'),
  anthropic: `sk-ant-api03-${chars(80)}`,
  npm: `npm_${chars(36)}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${chars(43)}`,
};

describe('redactSecrets', () => {
  it.each([
    ['gitlab-token', `PRIVATE-TOKEN header was ${fake.glpat}`, fake.glpat],
    ['gitlab-token', `deploy token ${fake.gldt} used`, fake.gldt],
    ['gitlab-token', `trigger with ${fake.glptt}`, fake.glptt],
    ['gitlab-token', `runner authentication ${fake.glrt}`, fake.glrt],
    ['gitlab-token', `job token ${fake.glcbt}`, fake.glcbt],
    ['gitlab-token', `service account ${fake.glsoat}`, fake.glsoat],
    ['gitlab-token', `oauth secret ${fake.gloas}`, fake.gloas],
    [
      'gitlab-runner-token',
      `gitlab-runner register --registration-token ${fake.runnerRegistration}`,
      fake.runnerRegistration,
    ],
    ['github-token', `git push https://${fake.ghp}@github.com/o/r`, fake.ghp],
    ['github-token', `oauth ${fake.gho}`, fake.gho],
    ['github-token', `user-to-server ${fake.ghu}`, fake.ghu],
    ['github-token', `installation ${fake.ghs}`, fake.ghs],
    ['github-token', `refresh ${fake.ghr}`, fake.ghr],
    ['github-token', `fine-grained ${fake.githubPat}`, fake.githubPat],
    ['slack-token', `posting with ${fake.xoxb}`, fake.xoxb],
    ['slack-token', `user token ${fake.xoxp}`, fake.xoxp],
    ['slack-token', `app token ${fake.xapp}`, fake.xapp],
    ['slack-webhook', `curl -X POST ${fake.slackWebhook}`, fake.slackWebhook],
    ['aws-access-key-id', `using key ${fake.akia} in eu-west-1`, fake.akia],
    ['aws-access-key-id', `session key ${fake.asia}`, fake.asia],
    [
      'aws-secret-access-key',
      `aws_secret_access_key = ${fake.awsSecret}`,
      fake.awsSecret,
    ],
    [
      'aws-secret-access-key',
      `export AWS_SECRET_ACCESS_KEY=${fake.awsSecret}`,
      fake.awsSecret,
    ],
    ['anthropic-key', `x-api-key header ${fake.anthropic}`, fake.anthropic],
    ['npm-token', `npm token create -> ${fake.npm}`, fake.npm],
    ['npm-token', `//npm.example.com/:_authToken=abc123def456`, 'abc123'],
    ['jwt', `id_token from provider: ${fake.jwt}`, fake.jwt],
    [
      'url-password',
      'Cloning https://deploy:s3cr3t-pa55@gitlab.example.com/g/p.git',
      's3cr3t-pa55',
    ],
    [
      'url-password',
      'DATABASE_URL=postgres://app:hunter2@db:5432/app',
      'hunter2',
    ],
    ['password', 'DB_PASSWORD=hunter2', 'hunter2'],
    ['password', 'export MYSQL_PWD="hunter2 with space"', 'hunter2'],
    ['password', '  password: hunter2', 'hunter2'],
    ['password', '--password=hunter2', 'hunter2'],
    ['secret', 'CLIENT_SECRET=abcdef', 'abcdef'],
    ['secret', 'SLACK_TOKEN: abcdef', 'abcdef'],
    ['secret', '{"apiKey": "abcdef", "x": 1}', 'abcdef'],
    ['secret', "API_KEY='abcdef'", 'abcdef'],
    ['secret', 'APIKEY=abcdef', 'abcdef'],
    ['secret', 'privateKey: abcdef', 'abcdef'],
    ['secret', 'MINIO_ACCESS_KEY=abcdef', 'abcdef'],
    ['secret', 'GOOGLE_CREDENTIALS=abcdef', 'abcdef'],
    ['secret', 'DOCKER_CREDENTIAL=abcdef', 'abcdef'],
    ['secret', 'HTTP_AUTH=user:abcdef', 'abcdef'],
    ['secret', 'GET /api?access_token=abcdef&page=2', 'abcdef'],
    ['authorization', 'Authorization: Bearer abcdef', 'abcdef'],
  ])('redacts a %s in %j', (kind, line, secret) => {
    const result = redactSecrets(line);
    expect(result.text).not.toContain(secret);
    expect(result.text).toContain(`[REDACTED:${kind}]`);
    expect(result.kinds).toEqual([kind]);
    expect(result.redactions).toBe(1);
  });

  it('masks only the value of an assignment and the password of a URL', () => {
    expect(redactSecrets('export GITLAB_TOKEN=abcdef ok').text).toBe(
      'export GITLAB_TOKEN=[REDACTED:secret] ok',
    );
    expect(redactSecrets('{"password": "abc", "user": "me"}').text).toBe(
      '{"password": "[REDACTED:password]", "user": "me"}',
    );
    expect(redactSecrets('Authorization: Bearer abcdef').text).toBe(
      'Authorization: Bearer [REDACTED:authorization]',
    );
    expect(redactSecrets('git clone https://me:pw@host/repo.git').text).toBe(
      'git clone https://me:[REDACTED:url-password]@host/repo.git',
    );
  });

  it('names the token kind, not the variable, when a known token is assigned', () => {
    const result = redactSecrets(`GITLAB_TOKEN=${fake.glpat}`);
    expect(result.text).toBe('GITLAB_TOKEN=[REDACTED:gitlab-token]');
    expect(result.kinds).toEqual(['gitlab-token']);
    expect(result.redactions).toBe(1);
  });

  it('leaves messages about a secret variable alone, but not short values', () => {
    const kept = [
      './scripts/publish.sh: line 9: NPM_TOKEN: unbound variable',
      'deploy.sh: line 3: DEPLOY_TOKEN: parameter null or not set',
      'Error: GITHUB_TOKEN: not set in the environment',
      'api_key: missing from config',
    ];
    for (const line of kept) {
      expect(redactSecrets(line).text).toBe(line);
    }
    const redacted = [
      ['PASSWORD: hunter2', 'PASSWORD: [REDACTED:password]'],
      ['password: secret', 'password: [REDACTED:password]'],
      ['NPM_TOKEN=unbound', 'NPM_TOKEN=[REDACTED:secret]'],
      ['TOKEN: abc123 expired', 'TOKEN: [REDACTED:secret] expired'],
      [
        'export AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        'export AWS_SECRET_ACCESS_KEY="[REDACTED:aws-secret-access-key]"',
      ],
    ];
    for (const [line, expected] of redacted) {
      expect(redactSecrets(line).text).toBe(expected);
    }
  });

  it('counts every secret of a text', () => {
    const result = redactSecrets(
      `a ${fake.ghp} b ${fake.ghs}\nDB_PASSWORD=x\nnothing here`,
    );
    expect(result.redactions).toBe(3);
    expect(result.kinds).toEqual(['github-token', 'password']);
    expect(result.text.split('\n')[2]).toBe('nothing here');
  });

  it.each([
    'Collecting requests==2.31.0',
    'npm ERR! code ETIMEDOUT',
    'npm ERR! network request to https://npm.example.com/left-pad failed',
    '#12 sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 done',
    'HEAD is now at 4b825dc642cb6eb9a060e54bf8d69288fbee4904 Merge branch main',
    'Running with gitlab-runner 16.5.0 (853330f9) on docker-runner-3 abcdef12',
    'Step 5/12 : RUN apt-get update && apt-get install -y curl',
    '2024-05-01T12:00:01.123Z INFO Server listening on http://0.0.0.0:8080',
    'Author: Jane Doe <jane@example.com>',
    'Authenticating with credentials from job payload (GitLab Registry)',
    'TOKEN_COUNT=5',
    'PASSWORD_FILE=/run/secrets/db',
    'AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID',
    'PWD=/builds/group/project',
    'OLDPWD=/builds',
    'DB_PASSWORD=${DB_PASSWORD}',
    'CI_JOB_TOKEN=[MASKED]',
    'git clone https://gitlab-ci-token:[MASKED]@gitlab.example.com/g/p.git',
    'ssh://git@gitlab.example.com:22/group/project.git',
    'AUTH_ENABLED=true',
    'npm_config_registry=https://npm.example.com/',
  ])('leaves %j alone', line => {
    expect(redactSecrets(line)).toEqual({
      text: line,
      redactions: 0,
      kinds: [],
    });
  });

  it.each([
    ['a long run of keywords', 'token'.repeat(20_000)],
    ['a long dotted word', `token ${'a.'.repeat(50_000)}`],
  ])('redacts %s in linear time', (_, line) => {
    // Unbounded patterns took seconds on these; bounded ones take about 1 ms.
    const start = performance.now();
    redactSecrets(line);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('replaces a private key given in one line with \\n escapes', () => {
    const result = redactSecrets(
      `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN\\n-----END PRIVATE KEY-----\\n", "client_email": "x@y"}`,
    );
    expect(result.text).toBe(
      `{"type": "service_account", "private_key": "[REDACTED:private-key]\\n", "client_email": "x@y"}`,
    );
    expect(result.redactions).toBe(1);
  });
});

describe('createLineRedactor', () => {
  it('replaces every line of a private key block, and only those', () => {
    const redactor = createLineRedactor();
    const log = [
      '$ cat deploy_key',
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      'QyNTUxOQAAACBkZXBsb3kga2V5IG5vdCByZWFsIGF0IGFsbCBqdXN0IGZha2UAAAAA',
      '-----END OPENSSH PRIVATE KEY-----',
      '$ ssh-add deploy_key',
    ];
    expect(log.map(line => redactor.redactLine(line))).toEqual([
      '$ cat deploy_key',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '$ ssh-add deploy_key',
    ]);
    expect(redactor.redactions).toBe(1);
    expect([...redactor.kinds]).toEqual(['private-key']);
  });

  it('keeps what precedes BEGIN and follows END, redacted on its own', () => {
    const redactor = createLineRedactor();
    expect(
      [
        'key: -----BEGIN RSA PRIVATE KEY-----',
        'MIIEowIBAAKCAQEA',
        `-----END RSA PRIVATE KEY----- then ${fake.ghp}`,
      ].map(line => redactor.redactLine(line)),
    ).toEqual([
      'key: [REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key] then [REDACTED:github-token]',
    ]);
    expect(redactor.redactions).toBe(2);
  });

  it('accumulates counts and kinds across lines', () => {
    const redactor = createLineRedactor();
    redactor.redactLine(`a ${fake.xoxb}`);
    redactor.redactLine('plain line');
    redactor.redactLine(`b ${fake.akia}`);
    expect(redactor.redactions).toBe(2);
    expect([...redactor.kinds].sort()).toEqual([
      'aws-access-key-id',
      'slack-token',
    ]);
  });

  it('does not mistake a public key or certificate for a private key', () => {
    const redactor = createLineRedactor();
    const lines = [
      '-----BEGIN CERTIFICATE-----',
      'MIIBszCCAVmgAwIBAgIUQ',
      '-----END CERTIFICATE-----',
    ];
    expect(lines.map(line => redactor.redactLine(line))).toEqual(lines);
  });
});
