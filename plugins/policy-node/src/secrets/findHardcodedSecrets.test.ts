import { findHardcodedSecrets, maskSecret } from './findHardcodedSecrets';

const secretsIn = (content: string, file = 'x.txt') =>
  findHardcodedSecrets(file, content).map(r => [
    r.line,
    r.attributes.secretKind,
    r.attributes.masked,
  ]);

describe('findHardcodedSecrets', () => {
  it('finds tokens by their shape, keys, URL passwords and secret assignments, masked', () => {
    expect(
      secretsIn(
        [
          'token: glpat-Zx8cVb7nM6aSdF5gH4jK',
          'DATABASE_URL=postgres://app:S3cr3t-Passw0rd@db:5432/app',
          'ENV API_SECRET=k9Xv2LmQ8rT4wZ1n',
          '-----BEGIN RSA PRIVATE KEY-----',
          'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
          '  password = "hunter2-but-longer"',
          'DB_PASS=Tr0ub4dor-and-3',
          'SENDGRID=SG.aBcDeFgHiJkLmNoPqRsTuV.aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789abcdefg',
        ].join('\n'),
      ),
    ).toEqual([
      [1, 'gitlab-token', 'glpa************'],
      [2, 'url-password', 'S3cr***********'],
      [3, 'secret', 'k9Xv************'],
      [4, 'private-key', '**********'],
      [5, 'aws-access-key-id', 'AKIA************'],
      [6, 'password', 'hunt************'],
      [7, 'password', 'Tr0u***********'],
      [8, 'sendgrid-key', 'SG.a************'],
    ]);
  });

  it('finds an AWS secret access key next to its key id', () => {
    expect(
      secretsIn(
        [
          'creds := credentials.NewStaticCredentialsProvider(',
          '  "AKIAZ7Q3XK2M5RW8TB4N",',
          '  "q3Vt8Zr/Lk2mN9pX4sB7wE1yH6jD0cF5gA+T2uR8",',
          ')',
          '// far away, and a git sha is 40 hex characters:',
          '',
          '',
          '',
          'commit = "0123456789abcdef0123456789abcdef01234567"',
        ].join('\n'),
      ),
    ).toEqual([
      [2, 'aws-access-key-id', 'AKIA************'],
      [3, 'aws-secret-access-key', 'q3Vt************'],
    ]);
  });

  it('leaves references to secrets alone', () => {
    expect(
      secretsIn(
        [
          'password = var.db_password',
          'token    = "${var.token}"',
          'api_key  = data.aws_secretsmanager_secret_version.api.secret_string',
          'GITLAB_TOKEN = os.environ["GITLAB_TOKEN"]',
          'STRIPE_API_KEY = os.environ.get("STRIPE_API_KEY")',
          'password: ${{ secrets.DB_PASSWORD }}',
          'ENV NPM_TOKEN=$NPM_TOKEN',
          'PASSWORD_FILE=/run/secrets/db',
          'token_ttl = 3600',
          'password: changeme',
          'secret: <your secret here>',
          'DB_PASSWORD: "{{ .Values.db.password }}"',
          'BACKEND_SECRET: change-me-to-a-long-random-string',
          'GITLAB_TOKEN: glpat-change-me',
          'api_key = "your-api-key-here"',
          '// DATABASE_URL is a postgresql://user:password@host:5432/db URL',
          '  http_tokens = "required"',
          '{"get_password_data":false,"password":null}',
          '  password: process.env.DB_PASSWORD,',
          'existingSecret: storefront-db',
          'userPasswordKey: password',
          'PASSWORD_HASHER = "argon2id"',
          'API_KEY_HEADER = "X-Api-Key"',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('never shows more than the first characters', () => {
    expect(maskSecret('glpat-Zx8cVb7nM6aSdF5gH4jK')).toBe('glpa************');
    expect(maskSecret('short1')).toBe('******');
  });

  it('names the file and the line', () => {
    const [found] = findHardcodedSecrets(
      'config/app.env',
      '\n\nAPI_TOKEN=abcdef123456789\n',
    );
    expect(found).toMatchObject({
      kind: 'file',
      type: 'secret',
      name: 'config/app.env:3',
      file: 'config/app.env',
      line: 3,
    });
  });
});
