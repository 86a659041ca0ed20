import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPolicyRules } from './loadPolicyRules';

const RULE = `id: rds-encryption
title: RDS storage is encrypted
severity: high
frameworks: [CIS AWS]
resources: { kind: terraform, types: [aws_db_instance] }
compliant: resource.attributes.storage_encrypted == true
message: The database's storage is not encrypted
remediation: Set storage_encrypted = true.
`;

describe('loadPolicyRules', () => {
  let dir: string;
  const write = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-rules-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads every rule below the folder, with configuration applied', () => {
    write('terraform/rds-encryption.yaml', RULE);
    write(
      'terraform/instance-type-allowed.yaml',
      `${RULE.replace(
        'rds-encryption',
        'instance-type-allowed',
      )}params: { allowed: [t3.micro] }\n`,
    );
    const set = loadPolicyRules(dir, {
      'rds-encryption': { severity: 'critical' },
      'instance-type-allowed': { params: { allowed: ['m5.large'] } },
    });
    expect(set.rules.map(r => [r.spec.id, r.severity, r.file])).toEqual([
      ['instance-type-allowed', 'high', 'terraform/instance-type-allowed.yaml'],
      ['rds-encryption', 'critical', 'terraform/rds-encryption.yaml'],
    ]);
    expect(set.rules[0].params).toEqual({ allowed: ['m5.large'] });
  });

  it('leaves out the rules configuration disables', () => {
    write('rds-encryption.yaml', RULE);
    const set = loadPolicyRules(dir, { 'rds-encryption': { enabled: false } });
    expect(set.rules).toEqual([]);
    expect(set.disabled).toEqual(['rds-encryption']);
  });

  it.each([
    ['YAML that does not parse', 'id: [x', /bad\.yaml: not valid YAML/],
    [
      'a missing field',
      RULE.replace(/^severity: high\n/m, ''),
      /bad\.yaml \(rds-encryption\): .*severity/,
    ],
    [
      'an unknown severity',
      RULE.replace('severity: high', 'severity: urgent'),
      /bad\.yaml \(rds-encryption\): .*severity/,
    ],
    [
      'CEL that does not parse',
      RULE.replace(
        'compliant: resource.attributes.storage_encrypted == true',
        'compliant: resource.attributes.storage_encrypted ==',
      ),
      /bad\.yaml \(rds-encryption\): compliant: /,
    ],
  ])('stops on %s, naming file, rule and problem', (_what, content, error) => {
    write('bad.yaml', content);
    expect(() => loadPolicyRules(dir)).toThrow(error);
  });

  it('refuses two rules with one id', () => {
    write('a.yaml', RULE);
    write('b.yaml', RULE);
    expect(() => loadPolicyRules(dir)).toThrow(
      /b\.yaml \(rds-encryption\): the id is also used by a\.yaml/,
    );
  });

  it('refuses configuration for a rule that does not exist', () => {
    write('a.yaml', RULE);
    expect(() =>
      loadPolicyRules(dir, { 'rds-encrypted': { enabled: false } }),
    ).toThrow(/names rule rds-encrypted/);
  });
});
