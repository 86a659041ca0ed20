import path from 'node:path';
import { compileRule } from '../rules/compileRule';
import { loadPolicyRules } from '../rules/loadPolicyRules';
import { parseTerraformModule } from './parseTerraformModule';

const { rules } = loadPolicyRules(
  path.resolve(__dirname, '../../../../policies/terraform'),
);

/** What a rule (with `params` over its defaults) says of each resource it judges. */
async function judge(
  id: string,
  tf: string,
  params?: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const spec = rules.find(r => r.spec.id === id)!.spec;
  const rule = compileRule(spec, { file: `${id}.yaml`, params });
  const { resources, errors } = await parseTerraformModule([
    { path: 'main.tf', content: tf },
  ]);
  expect(errors).toEqual([]);
  return Object.fromEntries(
    resources
      .filter(r => rule.appliesTo(r))
      .map(r => {
        const outcome = rule.evaluate(r);
        return [
          r.name,
          outcome.status === 'violated' && outcome.violations.length
            ? outcome.violations
            : outcome.status,
        ];
      }),
  );
}

const ingress = (rule: string) =>
  `resource "aws_security_group" "g" {\n  ingress {\n${rule}\n  }\n}\n`;

/** `tcp 22-22 0.0.0.0/0` as a group with that ingress block. */
function group(spec: string) {
  const [protocol, ports, cidr] = spec.split(' ');
  const [from, to] = ports.split('-');
  const key = cidr.includes(':') ? 'ipv6_cidr_blocks' : 'cidr_blocks';
  return ingress(
    `protocol = "${protocol}"\nfrom_port = ${from}\nto_port = ${to}\n${key} = ["${cidr}"]`,
  );
}

describe('the Terraform rules', () => {
  it('are the 14 of the issue, each judging terraform resources', () => {
    expect(rules.map(r => r.spec.id)).toEqual([
      'ebs-encryption',
      'ec2-imdsv2',
      'iam-wildcard-action',
      'iam-wildcard-resource',
      'instance-type-allowed',
      'rds-backup-retention',
      'rds-encryption',
      'rds-public',
      'required-tags',
      's3-encryption',
      's3-public-access-block',
      's3-versioning',
      'sg-open-all-ingress',
      'sg-open-ssh',
    ]);
    expect(rules.every(r => r.spec.resources.kind === 'terraform')).toBe(true);
  });

  describe('sg-open-ssh', () => {
    it.each([
      ['tcp 22-22 0.0.0.0/0', ['ingress.0: tcp 22-22 from anywhere']],
      ['tcp 0-65535 ::/0', ['ingress.0: tcp 0-65535 from anywhere']],
      ['-1 0-0 0.0.0.0/0', ['ingress.0: -1 0-65535 from anywhere']],
      ['udp 22-22 0.0.0.0/0', 'compliant'],
      ['tcp 22-22 10.0.0.0/8', 'compliant'],
    ])('%s', async (rule, expected) => {
      expect(await judge('sg-open-ssh', group(rule))).toEqual({
        'aws_security_group.g': expected,
      });
    });

    it('is unknown when the CIDRs cannot be known, not passed', async () => {
      expect(
        await judge(
          'sg-open-ssh',
          `variable "cidrs" {}\n${ingress(
            'protocol = "tcp"\nfrom_port = 22\nto_port = 22\ncidr_blocks = var.cidrs',
          )}`,
        ),
      ).toEqual({ 'aws_security_group.g': 'unknown' });
    });
  });

  describe('sg-open-all-ingress', () => {
    it.each([
      ['tcp 443-443 0.0.0.0/0', 'compliant'],
      ['tcp 80-443 0.0.0.0/0', ['ingress.0: tcp 80-443 from 0.0.0.0/0']],
      ['tcp 3306-3306 ::/0', ['ingress.0: tcp 3306-3306 from ::/0']],
      ['-1 0-0 ::/0', ['ingress.0: all traffic from ::/0']],
      ['-1 0-0 10.0.0.0/16', 'compliant'],
      ['icmp 8-0 0.0.0.0/0', 'compliant'],
    ])('%s', async (rule, expected) => {
      expect(await judge('sg-open-all-ingress', group(rule))).toEqual({
        'aws_security_group.g': expected,
      });
    });

    it('takes the public ports from its parameters', async () => {
      expect(
        await judge('sg-open-all-ingress', group('tcp 8443-8443 0.0.0.0/0'), {
          publicPorts: [8443],
        }),
      ).toEqual({ 'aws_security_group.g': 'compliant' });
    });
  });

  describe('the IAM rules', () => {
    const policy = (statements: string) => `
resource "aws_iam_policy" "p" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [${statements}] })
}`;

    it.each([
      [
        '{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::b" }',
        ['Allow *'],
      ],
      [
        '{ Sid = "Admin", Effect = "Allow", Action = ["iam:*"], Resource = "*" }',
        ['Admin: Allow iam:*'],
      ],
      [
        '{ Effect = "Allow", NotAction = ["iam:*"], Resource = "*" }',
        ['Allow with NotAction'],
      ],
      [
        '{ Effect = "Allow", Action = ["s3:Get*", "s3:List*"], Resource = "arn:aws:s3:::b/*" }',
        'compliant',
      ],
      ['{ Effect = "Deny", Action = "s3:*", Resource = "*" }', 'compliant'],
    ])('iam-wildcard-action: %s', async (statement, expected) => {
      expect(await judge('iam-wildcard-action', policy(statement))).toEqual({
        'aws_iam_policy.p': expected,
      });
    });

    it.each([
      [
        '{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }',
        ['s3:GetObject on *'],
      ],
      [
        '{ Effect = "Allow", Action = ["s3:GetObject"], NotResource = "arn:aws:s3:::b" }',
        ['Allow with NotResource'],
      ],
      [
        '{ Effect = "Allow", Action = ["ec2:Describe*", "sts:GetCallerIdentity"], Resource = "*" }',
        'compliant',
      ],
      [
        '{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "${aws_s3_bucket.b.arn}/*" }',
        'compliant',
      ],
      ['{ Effect = "Deny", Action = ["s3:*"], Resource = "*" }', 'compliant'],
    ])('iam-wildcard-resource: %s', async (statement, expected) => {
      expect(
        await judge(
          'iam-wildcard-resource',
          `resource "aws_s3_bucket" "b" {}\n${policy(statement)}`,
        ),
      ).toEqual({ 'aws_iam_policy.p': expected });
    });

    it('are unknown when a statement cannot be known', async () => {
      expect(
        await judge(
          'iam-wildcard-action',
          `variable "actions" {}\n${policy(
            '{ Effect = "Allow", Action = var.actions, Resource = "*" }',
          )}`,
        ),
      ).toEqual({ 'aws_iam_policy.p': 'unknown' });
    });
  });

  describe('required-tags', () => {
    const queue = (tags: string) =>
      `resource "aws_sqs_queue" "q" {\n  tags = ${tags}\n}\nresource "aws_sqs_queue_policy" "p" {}\n`;

    it('wants every key, in any case, with a value; judges taggable types only', async () => {
      expect(
        await judge(
          'required-tags',
          queue('{ Owner = "a", Environment = "prod" }'),
        ),
      ).toEqual({ 'aws_sqs_queue.q': 'compliant' });
      expect(
        await judge(
          'required-tags',
          queue('{ owner = "a", environment = "" }'),
        ),
      ).toEqual({
        'aws_sqs_queue.q': ['missing tag environment'],
      });
    });

    it('takes the keys from its parameters', async () => {
      expect(
        await judge('required-tags', queue('{ owner = "a" }'), {
          keys: ['owner', 'cost-center'],
        }),
      ).toEqual({ 'aws_sqs_queue.q': ['missing tag cost-center'] });
    });

    it('is unknown when the tags cannot be known', async () => {
      expect(
        await judge(
          'required-tags',
          `variable "tags" {}\n${queue('var.tags')}`,
        ),
      ).toEqual({
        'aws_sqs_queue.q': 'unknown',
      });
    });
  });

  describe('instance-type-allowed', () => {
    const instance = (type: string) =>
      `resource "aws_instance" "i" {\n  instance_type = "${type}"\n}\n`;

    it.each([
      ['t3.micro', 'compliant'],
      ['m6i.4xlarge', 'compliant'],
      ['m5.24xlarge', ['m5.24xlarge']],
      ['x2iedn.32xlarge', ['x2iedn.32xlarge']],
      ['p4d.24xlarge', ['p4d.24xlarge']],
    ])('%s', async (type, expected) => {
      expect(await judge('instance-type-allowed', instance(type))).toEqual({
        'aws_instance.i': expected,
      });
    });

    it('allows exact types listed in its parameters', async () => {
      expect(
        await judge('instance-type-allowed', instance('p4d.24xlarge'), {
          allowed: ['t3', 'p4d.24xlarge'],
        }),
      ).toEqual({ 'aws_instance.i': 'compliant' });
    });
  });

  it('rds-backup-retention reads numbers given as strings, and exempts replicas', async () => {
    expect(
      await judge(
        'rds-backup-retention',
        `resource "aws_db_instance" "a" {\n  backup_retention_period = "14"\n}\nresource "aws_db_instance" "r" {\n  replicate_source_db = aws_db_instance.a.identifier\n}\nresource "aws_rds_cluster" "c" {}\n`,
      ),
    ).toEqual({
      'aws_db_instance.a': 'compliant',
      'aws_db_instance.r': 'compliant',
      'aws_rds_cluster.c': ['1 days, fewer than 7'],
    });
  });

  it('s3-encryption takes the allowed algorithms from its parameters', async () => {
    const tf = `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\nresource "aws_s3_bucket_server_side_encryption_configuration" "b" {\n  bucket = "b"\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n`;
    expect(await judge('s3-encryption', tf)).toEqual({
      'aws_s3_bucket.b': 'compliant',
    });
    expect(
      await judge('s3-encryption', tf, { algorithms: ['aws:kms'] }),
    ).toEqual({
      'aws_s3_bucket.b': ['sse_algorithm AES256 is not allowed'],
    });
  });

  it('ec2-imdsv2 is unknown for an instance whose launch template is not in the module', async () => {
    expect(
      await judge(
        'ec2-imdsv2',
        `variable "template_id" {}\nresource "aws_instance" "i" {\n  launch_template {\n    id = var.template_id\n  }\n}\n`,
      ),
    ).toEqual({ 'aws_instance.i': 'unknown' });
  });
});
