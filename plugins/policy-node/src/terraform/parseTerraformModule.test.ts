import { PolicyResource } from '../resources/types';
import { parseTerraformModule } from './parseTerraformModule';

/** Parses a module given as `{ file: content }`. */
async function parse(files: Record<string, string>) {
  const parsed = await parseTerraformModule(
    Object.entries(files).map(([path, content]) => ({ path, content })),
  );
  const byName = (name: string): PolicyResource => {
    const found = parsed.resources.find(r => r.name === name);
    if (!found) {
      throw new Error(
        `no ${name} among ${parsed.resources.map(r => r.name).join(', ')}`,
      );
    }
    return found;
  };
  return { ...parsed, byName };
}

const BUCKET = (name: string, body = '') =>
  `resource "aws_s3_bucket" "${name}" {\n${body}\n}\n`;

describe('parseTerraformModule', () => {
  describe('variables', () => {
    const variables = `
variable "retention" {
  type    = number
  default = 1
}
variable "engine" {
  default = "postgres"
}
resource "aws_db_instance" "main" {
  engine                  = var.engine
  backup_retention_period = var.retention
}
`;

    it('take their default', async () => {
      const { byName } = await parse({ 'main.tf': variables });
      expect(byName('aws_db_instance.main').attributes).toMatchObject({
        engine: 'postgres',
        backup_retention_period: 1,
      });
    });

    it('take terraform.tfvars over the default, and *.auto.tfvars over that', async () => {
      const { byName } = await parse({
        'main.tf': variables,
        'terraform.tfvars': 'retention = 7\nengine = "mysql"\n',
        'b.auto.tfvars.json': '{ "retention": 30 }',
        'a.auto.tfvars': 'retention = 14\n',
      });
      expect(byName('aws_db_instance.main').attributes).toMatchObject({
        engine: 'mysql',
        backup_retention_period: 30,
      });
    });

    it('without a default or an automatic .tfvars value are unknown, naming -var-file files', async () => {
      const { byName } = await parse({
        'main.tf': `
variable "publicly_accessible" {
  type = bool
}
resource "aws_db_instance" "main" {
  publicly_accessible = var.publicly_accessible
}
`,
        'prod.tfvars': 'publicly_accessible = true\n',
      });
      const db = byName('aws_db_instance.main');
      expect(db.attributes.publicly_accessible).toBeNull();
      expect(db.unknowns).toEqual([
        {
          path: 'publicly_accessible',
          reason:
            'var.publicly_accessible has no default and no .tfvars value (prod.tfvars sets it, but Terraform reads that only with -var-file)',
        },
      ]);
    });
  });

  describe('locals', () => {
    it('refer to variables and to other locals, in any order', async () => {
      const { byName } = await parse({
        'locals.tf': `
locals {
  name   = "\${local.prefix}-\${var.env}"
  tags   = merge(local.common, { Name = local.name })
}
locals {
  prefix = "acme"
  common = { owner = "platform", environment = var.env }
}
`,
        'main.tf': `
variable "env" {
  default = "staging"
}
resource "aws_sqs_queue" "jobs" {
  name = "\${local.name}-jobs"
  tags = local.tags
}
`,
      });
      expect(byName('aws_sqs_queue.jobs').attributes).toMatchObject({
        name: 'acme-staging-jobs',
        tags: {
          owner: 'platform',
          environment: 'staging',
          Name: 'acme-staging',
        },
        tag_keys: ['environment', 'name', 'owner'],
      });
    });

    it('in a cycle are unknown, saying so', async () => {
      const { byName } = await parse({
        'main.tf': `
locals {
  a = local.b
  b = local.a
}
resource "aws_sqs_queue" "q" {
  name = local.a
}
`,
      });
      expect(byName('aws_sqs_queue.q').unknowns).toEqual([
        {
          path: 'name',
          reason: expect.stringContaining(
            'local.a refers to itself in a cycle',
          ),
        },
      ]);
    });
  });

  describe('an S3 bucket', () => {
    it('gets the settings of companion resources linked by .id, .bucket or its name', async () => {
      const { byName } = await parse({
        'main.tf': `
variable "name" {
  default = "acme-logs"
}
${BUCKET('logs', 'bucket = var.name')}
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = "true"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = "acme-logs"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}
resource "aws_kms_key" "logs" {}
resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.bucket
  versioning_configuration {
    status = "Enabled"
  }
}
`,
      });
      const bucket = byName('aws_s3_bucket.logs');
      expect(bucket.attributes).toMatchObject({
        public_access_block: {
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
          source: 'aws_s3_bucket_public_access_block.logs',
        },
        encryption: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: '(known after apply: aws_kms_key.logs.arn)',
          source: 'aws_s3_bucket_server_side_encryption_configuration.logs',
        },
        versioning: {
          enabled: true,
          mfa_delete: false,
          source: 'aws_s3_bucket_versioning.logs',
        },
      });
      expect(bucket.unknowns).toBeUndefined();
    });

    it('links by reference when its name is known only after apply, per instance', async () => {
      const { byName } = await parse({
        'main.tf': `
${BUCKET('data', 'count = 2\nbucket_prefix = "data-${count.index}-"')}
resource "aws_s3_bucket_versioning" "data" {
  count  = 2
  bucket = aws_s3_bucket.data[count.index].id
  versioning_configuration {
    status = count.index == 0 ? "Enabled" : "Suspended"
  }
}
`,
      });
      expect(
        byName('aws_s3_bucket.data[0]').attributes.versioning,
      ).toMatchObject({
        enabled: true,
        source: 'aws_s3_bucket_versioning.data[0]',
      });
      expect(
        byName('aws_s3_bucket.data[1]').attributes.versioning,
      ).toMatchObject({
        enabled: false,
        source: 'aws_s3_bucket_versioning.data[1]',
      });
    });

    it('reads the legacy inline blocks, and the account-level public access block', async () => {
      const { byName } = await parse({
        'main.tf': `
${BUCKET(
  'old',
  `bucket = "old"
  versioning {
    enabled = true
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }`,
)}
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
      });
      expect(byName('aws_s3_bucket.old').attributes).toMatchObject({
        versioning: { enabled: true, source: 'aws_s3_bucket.old (versioning)' },
        encryption: { sse_algorithm: 'AES256' },
        public_access_block: {
          block_public_acls: true,
          restrict_public_buckets: true,
          source: 'aws_s3_account_public_access_block.account',
        },
      });
    });

    it('without companions has every setting off, none unknown', async () => {
      const { byName } = await parse({ 'main.tf': BUCKET('plain') });
      const bucket = byName('aws_s3_bucket.plain');
      expect(bucket.attributes).toMatchObject({
        public_access_block: {
          block_public_acls: false,
          block_public_policy: false,
          ignore_public_acls: false,
          restrict_public_buckets: false,
          source: null,
        },
        encryption: { sse_algorithm: null, source: null },
        versioning: { enabled: false, mfa_delete: false, source: null },
      });
      expect(bucket.unknowns).toBeUndefined();
    });

    it('has unknown settings when a companion names its bucket by an unknown value', async () => {
      const { byName } = await parse({
        'main.tf': `
variable "bucket" {}
${BUCKET('a', 'bucket = "a"')}
resource "aws_s3_bucket_versioning" "v" {
  bucket = var.bucket
  versioning_configuration {
    status = "Enabled"
  }
}
`,
      });
      const bucket = byName('aws_s3_bucket.a');
      expect(bucket.attributes.versioning).toEqual({
        enabled: null,
        mfa_delete: null,
        source: null,
      });
      expect(bucket.unknowns).toContainEqual({
        path: 'versioning.enabled',
        reason:
          "aws_s3_bucket_versioning.v names its bucket by a value that cannot be known (var.bucket has no default and no .tfvars value), so it may be this bucket's",
      });
    });
  });

  describe('IAM policies', () => {
    it('take the statements of an aws_iam_policy_document, computed ARNs as placeholders', async () => {
      const { byName } = await parse({
        'main.tf': `
${BUCKET('data', 'bucket_prefix = "data-"')}
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.data.arn}/*"]
  }
}
data "aws_iam_policy_document" "app" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid         = "NotKms"
    not_actions = ["kms:*"]
    resources   = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.data.arn]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "aws_iam_policy" "app" {
  policy = data.aws_iam_policy_document.app.json
}
`,
      });
      const policy = byName('aws_iam_policy.app');
      expect(policy.attributes.statements).toEqual([
        {
          sid: 'Read',
          effect: 'Allow',
          actions: ['s3:GetObject'],
          not_actions: [],
          resources: ['(known after apply: aws_s3_bucket.data.arn)/*'],
          not_resources: [],
        },
        {
          sid: 'NotKms',
          effect: 'Allow',
          actions: [],
          not_actions: ['kms:*'],
          resources: ['*'],
          not_resources: [],
        },
        {
          sid: null,
          effect: 'Deny',
          actions: ['s3:*'],
          not_actions: [],
          resources: ['(known after apply: aws_s3_bucket.data.arn)'],
          not_resources: [],
        },
      ]);
      // The policy text itself is known only after apply.
      expect(policy.unknowns).toEqual([
        {
          path: 'policy',
          reason: 'aws_s3_bucket.data.arn is only known after apply',
        },
      ]);
    });

    it("read jsonencode(), heredocs and a role's inline policies; invalid JSON is unknown", async () => {
      const { byName } = await parse({
        'main.tf': `
resource "aws_iam_role_policy" "encoded" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = { Effect = "Allow", Action = "*", Resource = "*" }
  })
}
resource "aws_iam_user_policy" "heredoc" {
  policy = <<EOF
{"Statement": [{"Effect": "allow", "Action": "ec2:Describe*", "Resource": "*"}]}
EOF
}
resource "aws_iam_role" "inline" {
  inline_policy {
    name   = "a"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "arn:aws:sqs:eu-west-1:1:q" }] })
  }
}
resource "aws_iam_group_policy" "broken" {
  policy = "{ not json"
}
`,
      });
      expect(
        byName('aws_iam_role_policy.encoded').attributes.statements,
      ).toEqual([
        expect.objectContaining({
          effect: 'Allow',
          actions: ['*'],
          resources: ['*'],
        }),
      ]);
      expect(
        byName('aws_iam_user_policy.heredoc').attributes.statements,
      ).toEqual([
        expect.objectContaining({
          effect: 'Allow',
          actions: ['ec2:Describe*'],
        }),
      ]);
      expect(byName('aws_iam_role.inline').attributes.statements).toEqual([
        expect.objectContaining({ actions: ['sqs:SendMessage'] }),
      ]);
      const broken = byName('aws_iam_group_policy.broken');
      expect(broken.attributes.statements).toBeNull();
      expect(broken.unknowns).toEqual([
        {
          path: 'statements',
          reason: expect.stringContaining('the policy is not valid JSON'),
        },
      ]);
    });
  });

  it("reads policies from the module's other files with file() and templatefile()", async () => {
    const { byName } = await parse({
      'iam/main.tf': `
resource "aws_iam_policy" "static" {
  policy = file("\${path.module}/policies/admin.json")
}
resource "aws_iam_policy" "templated" {
  policy = templatefile("./policies/bucket.json.tftpl", { bucket = "acme-data", actions = ["s3:GetObject"] })
}
`,
      'iam/policies/admin.json':
        '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}',
      'iam/policies/bucket.json.tftpl':
        '{"Statement": [{"Effect": "Allow", "Action": ${jsonencode(actions)}, "Resource": "arn:aws:s3:::${bucket}/*"}]}',
    });
    expect(byName('aws_iam_policy.static').attributes.statements).toEqual([
      expect.objectContaining({ actions: ['*'], resources: ['*'] }),
    ]);
    expect(byName('aws_iam_policy.templated').attributes.statements).toEqual([
      expect.objectContaining({
        actions: ['s3:GetObject'],
        resources: ['arn:aws:s3:::acme-data/*'],
      }),
    ]);
  });

  describe('values that cannot be known', () => {
    it('are null, listed with their path and why', async () => {
      const { byName } = await parse({
        'main.tf': `
variable "admin_cidr" {}
resource "aws_security_group" "ssh" {
  ingress {
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    cidr_blocks     = [var.admin_cidr]
    security_groups = [aws_security_group.lb.id]
  }
}
resource "aws_security_group" "lb" {}
resource "aws_iam_role" "r" {
  assume_role_policy = file("trust.json")
}
`,
      });
      const group = byName('aws_security_group.ssh');
      expect(group.attributes.ingress_rules).toEqual([
        {
          protocol: 'tcp',
          from_port: 22,
          to_port: 22,
          cidr_blocks: [null],
          ipv6_cidr_blocks: [],
          source: 'ingress.0',
        },
      ]);
      expect(group.unknowns).toEqual([
        {
          path: 'ingress.0.cidr_blocks.0',
          reason: 'var.admin_cidr has no default and no .tfvars value',
        },
        {
          path: 'ingress.0.security_groups.0',
          reason: 'aws_security_group.lb.id is only known after apply',
        },
        {
          path: 'ingress_rules.0.cidr_blocks.0',
          reason: 'var.admin_cidr has no default and no .tfvars value',
        },
      ]);
      expect(byName('aws_iam_role.r').unknowns).toEqual([
        {
          path: 'assume_role_policy',
          reason:
            'file("trust.json") reads a file that was not scanned with the module',
        },
      ]);
    });

    it('include references to things not declared, with the error Terraform would give', async () => {
      const { byName } = await parse({
        'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = var.nope\n}\n',
      });
      expect(byName('aws_sqs_queue.q').unknowns).toEqual([
        { path: 'name', reason: 'var.nope is not declared (in ${var.nope})' },
      ]);
    });
  });

  describe('blocks', () => {
    it('expand count and for_each into Terraform addresses; count 0 means none', async () => {
      const { resources } = await parse({
        'main.tf': `
variable "create_extra" {
  default = false
}
resource "aws_sqs_queue" "extra" {
  count = var.create_extra ? 1 : 0
}
resource "aws_sqs_queue" "each" {
  for_each = toset(["a", "b"])
  name     = "q-\${each.key}"
}
resource "aws_sqs_queue" "numbered" {
  count = 2
  name  = "n-\${count.index}"
}
`,
      });
      expect(resources.map(r => [r.name, r.attributes.name])).toEqual([
        ['aws_sqs_queue.each["a"]', 'q-a'],
        ['aws_sqs_queue.each["b"]', 'q-b'],
        ['aws_sqs_queue.numbered[0]', 'n-0'],
        ['aws_sqs_queue.numbered[1]', 'n-1'],
      ]);
    });

    it('judge one instance when count is unknown', async () => {
      const { byName } = await parse({
        'main.tf': `
variable "n" {}
resource "aws_sqs_queue" "q" {
  count = var.n
  name  = "q-\${count.index}"
}
`,
      });
      expect(byName('aws_sqs_queue.q').unknowns).toEqual([
        { path: 'name', reason: 'var.n has no default and no .tfvars value' },
      ]);
    });

    it('expand dynamic blocks, with iterators; an unknown for_each makes them unknown', async () => {
      const { byName } = await parse({
        'main.tf': `
variable "rules" {
  default = { https = 443, http = 80 }
}
variable "more" {}
resource "aws_security_group" "web" {
  dynamic "ingress" {
    for_each = var.rules
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value
      to_port     = rule.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
resource "aws_security_group" "other" {
  dynamic "ingress" {
    for_each = var.more
    content {
      from_port = ingress.value
      to_port   = ingress.value
      protocol  = "tcp"
    }
  }
}
`,
      });
      expect(
        (byName('aws_security_group.web').attributes.ingress as any[]).map(
          i => [i.description, i.from_port],
        ),
      ).toEqual([
        ['http', 80],
        ['https', 443],
      ]);
      const other = byName('aws_security_group.other');
      expect(other.attributes.ingress_rules).toBeNull();
      expect(other.unknowns).toContainEqual({
        path: 'ingress_rules',
        reason:
          'the dynamic "ingress" blocks depend on an unknown for_each: var.more has no default and no .tfvars value',
      });
    });
  });

  it('merges the provider default_tags (by alias) under the tags', async () => {
    const { byName } = await parse({
      'providers.tf': `
provider "aws" {
  default_tags {
    tags = { Owner = "platform", environment = "prod" }
  }
}
provider "aws" {
  alias = "us"
  default_tags {
    tags = { owner = "us-team" }
  }
}
`,
      'main.tf': `
resource "aws_sqs_queue" "eu" {
  tags = { environment = "" , Name = "eu" }
}
resource "aws_sqs_queue" "us" {
  provider = aws.us
}
resource "aws_autoscaling_group" "asg" {
  tag {
    key                 = "Owner"
    value               = "web"
    propagate_at_launch = true
  }
}
`,
    });
    expect(byName('aws_sqs_queue.eu').attributes).toMatchObject({
      tags_all: { Owner: 'platform', environment: '', Name: 'eu' },
      tag_keys: ['name', 'owner'],
    });
    expect(byName('aws_sqs_queue.us').attributes.tag_keys).toEqual(['owner']);
    expect(byName('aws_autoscaling_group.asg').attributes.tag_keys).toEqual([
      'owner',
    ]);
  });

  it('normalises volumes, metadata options and instance types', async () => {
    const { byName } = await parse({
      'main.tf': `
resource "aws_launch_template" "lt" {
  instance_type = "m5.large"
  metadata_options {
    http_tokens = "required"
  }
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = "false"
    }
  }
}
resource "aws_instance" "from_template" {
  launch_template {
    id = aws_launch_template.lt.id
  }
}
resource "aws_instance" "plain" {
  instance_type = "g5.12xlarge"
  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = true
  }
}
`,
    });
    expect(byName('aws_launch_template.lt').attributes).toMatchObject({
      volumes: [
        {
          device: '/dev/xvda',
          encrypted: false,
          source: 'block_device_mappings.0',
        },
      ],
      imds: { http_endpoint: 'enabled', http_tokens: 'required' },
      instance_types: [{ type: 'm5.large', family: 'm5', size: 'large' }],
    });
    expect(byName('aws_instance.from_template').attributes).toMatchObject({
      volumes: [],
      imds: { http_tokens: 'required', source: 'aws_launch_template.lt' },
      instance_types: [],
    });
    expect(byName('aws_instance.plain').attributes).toMatchObject({
      volumes: [
        { device: 'root', encrypted: false, source: 'root_block_device' },
        { device: '/dev/sdf', encrypted: true, source: 'ebs_block_device.0' },
      ],
      imds: { http_endpoint: 'enabled', http_tokens: 'optional', source: null },
      instance_types: [{ type: 'g5.12xlarge', family: 'g5', size: '12xlarge' }],
    });
  });

  it('normalises ingress of groups and rule resources, IPv4 and IPv6', async () => {
    const { byName } = await parse({
      'main.tf': `
resource "aws_security_group_rule" "all" {
  type             = "ingress"
  from_port        = 0
  to_port          = 0
  protocol         = "all"
  ipv6_cidr_blocks = ["::0/0"]
}
resource "aws_security_group_rule" "out" {
  type = "egress"
}
resource "aws_vpc_security_group_ingress_rule" "https" {
  ip_protocol = "6"
  from_port   = 443
  to_port     = 443
  cidr_ipv4   = "0.0.0.0/0"
}
`,
    });
    expect(
      byName('aws_security_group_rule.all').attributes.ingress_rules,
    ).toEqual([
      {
        protocol: '-1',
        from_port: 0,
        to_port: 65535,
        cidr_blocks: [],
        ipv6_cidr_blocks: ['::/0'],
        source: 'aws_security_group_rule.all',
      },
    ]);
    expect(
      byName('aws_security_group_rule.out').attributes.ingress_rules,
    ).toEqual([]);
    expect(
      byName('aws_vpc_security_group_ingress_rule.https').attributes
        .ingress_rules,
    ).toEqual([
      expect.objectContaining({
        protocol: 'tcp',
        cidr_blocks: ['0.0.0.0/0'],
        ipv6_cidr_blocks: [],
      }),
    ]);
  });

  it("names each resource's file and line; a file that does not parse is an error, the rest counts", async () => {
    const parsed = await parse({
      'modules/app/main.tf': `# Storage
${BUCKET('a')}
resource aws_sqs_queue "q" {
}
`,
      'modules/app/broken.tf': 'resource "aws_sqs_queue" "b" {\n  name = \n}\n',
      'modules/app/other.tf': `\n\n${BUCKET('b')}`,
    });
    expect(parsed.errors).toEqual([
      {
        file: 'modules/app/broken.tf',
        error: expect.stringMatching(
          /^cannot parse: broken\.tf:2,10-3,1: Invalid expression/,
        ),
      },
    ]);
    expect(parsed.resources.map(r => [r.name, r.file, r.line])).toEqual([
      ['aws_s3_bucket.a', 'modules/app/main.tf', 2],
      ['aws_s3_bucket.b', 'modules/app/other.tf', 3],
      ['aws_sqs_queue.q', 'modules/app/main.tf', 6],
    ]);
  });

  it('reports a resource declared twice', async () => {
    const parsed = await parse({
      'a.tf': BUCKET('x', 'bucket = "first"'),
      'b.tf': BUCKET('x', 'bucket = "second"'),
    });
    expect(parsed.errors).toEqual([
      {
        file: 'b.tf',
        error:
          'resource "aws_s3_bucket" "x" is declared more than once (a.tf:1, b.tf:1)',
      },
    ]);
    expect(parsed.byName('aws_s3_bucket.x').attributes.bucket).toBe('first');
  });

  it('leaves out resources of other providers', async () => {
    const { resources } = await parse({
      'main.tf':
        'resource "google_storage_bucket" "g" {}\nresource "random_id" "r" {}\n',
    });
    expect(resources).toEqual([]);
  });
});
