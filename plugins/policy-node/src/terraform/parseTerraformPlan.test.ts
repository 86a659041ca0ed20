import fs from 'node:fs';
import path from 'node:path';
import { loadPolicyRules } from '../rules/loadPolicyRules';
import { CelPolicySource } from '../sources/CelPolicySource';
import { parseTerraformPlan } from './parseTerraformPlan';

const PLAN = JSON.parse(
  fs.readFileSync(path.join(__dirname, '__fixtures__/plan.json'), 'utf8'),
);

const parsed = parseTerraformPlan('plans/prod.json', PLAN);
const byName = (name: string) => {
  const found = parsed.resources.find(r => r.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

describe('parseTerraformPlan', () => {
  it('reads every AWS resource of the planned values, child modules included', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.resources.map(r => [r.name, r.type, r.file, r.line])).toEqual(
      [
        ['aws_s3_bucket.logs', 'aws_s3_bucket', 'plans/prod.json', 0],
        ['aws_s3_bucket.uploads', 'aws_s3_bucket', 'plans/prod.json', 0],
        [
          'aws_s3_bucket_versioning.logs',
          'aws_s3_bucket_versioning',
          'plans/prod.json',
          0,
        ],
        [
          'aws_s3_bucket_server_side_encryption_configuration.logs',
          'aws_s3_bucket_server_side_encryption_configuration',
          'plans/prod.json',
          0,
        ],
        ['aws_instance.web', 'aws_instance', 'plans/prod.json', 0],
        ['aws_db_instance.orders', 'aws_db_instance', 'plans/prod.json', 0],
        ['aws_iam_policy.app', 'aws_iam_policy', 'plans/prod.json', 0],
        [
          'module.network.aws_security_group.web[0]',
          'aws_security_group',
          'plans/prod.json',
          0,
        ],
      ],
    );
  });

  it('marks what after_unknown says is known only after apply', () => {
    expect(byName('aws_s3_bucket.logs').unknowns).toContainEqual({
      path: 'arn',
      reason: 'aws_s3_bucket.logs.arn is only known after apply',
    });
    expect(byName('aws_s3_bucket.logs').attributes.arn).toBeNull();
  });

  it("links companion resources to their bucket by name and by the configuration's references", () => {
    expect(byName('aws_s3_bucket.logs').attributes).toMatchObject({
      versioning: { enabled: true, source: 'aws_s3_bucket_versioning.logs' },
      encryption: {
        sse_algorithm: 'aws:kms',
        // Left out of the configuration: the AWS managed key.
        kms_master_key_id: null,
        source: 'aws_s3_bucket_server_side_encryption_configuration.logs',
      },
      public_access_block: { block_public_acls: false, source: null },
    });
  });

  it('takes AWS defaults for values known only after apply that the configuration leaves out', () => {
    const uploads = byName('aws_s3_bucket.uploads');
    expect(uploads.attributes).toMatchObject({
      versioning: { enabled: false, source: null },
      encryption: { sse_algorithm: null, source: null },
    });
    expect(uploads.unknowns?.map(u => u.path)).not.toContain(
      'versioning.enabled',
    );
    expect(byName('aws_db_instance.orders').attributes).toMatchObject({
      backup_retention_period: 0,
      storage_encrypted: true,
      publicly_accessible: false,
    });
    expect(byName('aws_instance.web').attributes).toMatchObject({
      imds: { http_endpoint: 'enabled', http_tokens: 'optional' },
      volumes: [{ device: 'root', encrypted: false }],
      instance_types: [{ type: 't3.micro', family: 't3', size: 'micro' }],
      tag_keys: ['environment', 'owner'],
    });
  });

  it('reads a policy known only after apply from its aws_iam_policy_document', () => {
    expect(byName('aws_iam_policy.app').attributes.statements).toEqual([
      {
        sid: 'Objects',
        effect: 'Allow',
        actions: ['s3:GetObject', 's3:PutObject'],
        not_actions: [],
        resources: [
          '(known after apply: data.aws_iam_policy_document.app.statement[0].resources)',
        ],
        not_resources: [],
      },
      {
        sid: 'Admin',
        effect: 'Allow',
        actions: ['*'],
        not_actions: [],
        resources: ['*'],
        not_resources: [],
      },
    ]);
  });

  it('normalises resources of child modules like the others', () => {
    expect(
      byName('module.network.aws_security_group.web[0]').attributes
        .ingress_rules,
    ).toEqual([
      expect.objectContaining({ from_port: 22, cidr_blocks: ['0.0.0.0/0'] }),
      expect.objectContaining({ from_port: 443, cidr_blocks: [] }),
    ]);
  });

  it('gives the rules what they need to judge the plan', async () => {
    const { rules } = loadPolicyRules(
      path.resolve(__dirname, '../../../../policies/terraform'),
    );
    const { findings, errors } = await new CelPolicySource(rules).evaluate(
      parsed.resources,
    );
    expect(errors).toEqual([]);
    expect(
      findings
        .filter(f => f.ruleId !== 'required-tags')
        .map(f => `${f.ruleId} ${f.resource} ${f.status}`)
        .sort(),
    ).toEqual([
      'ebs-encryption aws_instance.web violated',
      'ec2-imdsv2 aws_instance.web violated',
      'iam-wildcard-action aws_iam_policy.app violated',
      'iam-wildcard-resource aws_iam_policy.app violated',
      'rds-backup-retention aws_db_instance.orders violated',
      's3-encryption aws_s3_bucket.uploads violated',
      's3-public-access-block aws_s3_bucket.logs violated',
      's3-public-access-block aws_s3_bucket.uploads violated',
      's3-versioning aws_s3_bucket.uploads violated',
      'sg-open-all-ingress module.network.aws_security_group.web[0] violated',
      'sg-open-ssh module.network.aws_security_group.web[0] violated',
    ]);
  });

  it('says when the JSON is not a plan', () => {
    expect(parseTerraformPlan('x.json', { resources: [] })).toEqual({
      resources: [],
      errors: [
        {
          file: 'x.json',
          error: 'not a terraform show -json plan: no planned_values',
        },
      ],
    });
  });

  it('reads a 10 MB plan quickly', () => {
    const big = JSON.parse(JSON.stringify(PLAN));
    const resources = big.planned_values.root_module.resources;
    const changes = big.resource_changes;
    const [baseResources, baseChanges] = [[...resources], [...changes]];
    for (let i = 1; i <= 1400; i++) {
      for (const r of baseResources) {
        resources.push({
          ...r,
          address: `${r.address}_${i}`,
          name: `${r.name}_${i}`,
        });
      }
      for (const c of baseChanges) {
        changes.push({ ...c, address: `${c.address}_${i}` });
      }
    }
    expect(JSON.stringify(big).length).toBeGreaterThan(10_000_000);
    const start = performance.now();
    const result = parseTerraformPlan('big.json', big);
    const elapsed = performance.now() - start;
    expect(result.resources.length).toBe(7 * 1401 + 1);
    // About 0.4 s on a quiet machine; the bound leaves room for a busy CI.
    expect(elapsed).toBeLessThan(2500);
  });
});
