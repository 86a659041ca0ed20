// The Policy agent's scanner on 1,000 Terraform files (250 modules of
// buckets with their companions, security groups, instances, IAM policies,
// variables, locals and .tfvars) and on a ~10 MB `terraform show -json`
// plan, in a process of its own running bundled JavaScript (as a built
// backend and bin/agentic do): time to scan and peak resident memory.
// Target: < 2 s for the 1,000 files. Also the wall time of
// `bin/agentic policy scan --json` on the same files, which adds the CLI's
// start-up (its TypeScript is transformed on the fly in this repository).
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const MODULES = 250; // × 4 files
const PLAN_TARGET_BYTES =
  Number(process.env.POLICY_BENCH_PLAN_MB ?? 10) * 1024 * 1024;

// ---------------------------------------------------------------- Terraform

/** One module's four files; every few modules break a rule or two. */
function moduleFiles(i) {
  const env = ['production', 'staging', 'development'][i % 3];
  const team = `team-${['orders', 'search', 'payments', 'data', 'web'][i % 5]}`;
  const variables = `variable "environment" {
  type    = string
  default = "${env}"
}

variable "vpc_id" {
  type    = string
  default = "vpc-0${String(i).padStart(16, '0')}"
}

variable "instance_type" {
  type    = string
  default = "${i % 17 === 0 ? 'm5.8xlarge' : 't3.medium'}"
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["${i % 11 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'}"]
}

variable "versioning" {
  type    = bool
  default = ${i % 7 !== 0}
}

locals {
  name = "svc-${i}-\${var.environment}"
  tags = {
    owner       = "${team}"
    environment = var.environment
    service     = "svc-${i}"
  }
}
`;
  const storage = `resource "aws_s3_bucket" "data" {
  bucket = "acme-\${local.name}-data"
  tags   = local.tags
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = ${i % 13 !== 0}
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-\${local.name}-logs"
  tags   = local.tags
}
${
  i % 5 === 0
    ? ''
    : `
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
`
}
resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "expire"
    status = "Enabled"
    filter {}
    expiration {
      days = 90
    }
  }
}
`;
  const network = `resource "aws_security_group" "app" {
  name        = "\${local.name}-app"
  description = "svc-${i} application"
  vpc_id      = var.vpc_id
  tags        = local.tags

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  dynamic "ingress" {
    for_each = var.admin_cidrs
    content {
      description = "SSH"
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "app" {
  count                  = ${1 + (i % 3)}
  ami                    = "ami-0a9f8e7d6c5b4a392"
  instance_type          = var.instance_type
  vpc_security_group_ids = [aws_security_group.app.id]

  metadata_options {
    http_tokens = "${i % 9 === 0 ? 'optional' : 'required'}"
  }

  root_block_device {
    volume_size = 30
    encrypted   = ${i % 19 !== 0}
  }

  tags = merge(local.tags, { Name = "\${local.name}-\${count.index}" })
}

resource "aws_db_instance" "main" {
  identifier                  = local.name
  engine                      = "postgres"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = ${i % 23 !== 0}
  backup_retention_period     = ${i % 4 === 0 ? 1 : 14}
  publicly_accessible         = false
  tags                        = local.tags
}
`;
  const iam = `data "aws_iam_policy_document" "app" {
  statement {
    sid       = "Data"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.data.arn, "\${aws_s3_bucket.data.arn}/*"]
  }

  statement {
    sid       = "Metrics"
    actions   = ["cloudwatch:PutMetricData", "ec2:DescribeInstances"]
    resources = ["*"]
  }
${
  i % 8 === 0
    ? `
  statement {
    sid       = "Queues"
    actions   = ["sqs:*"]
    resources = ["*"]
  }
`
    : ''
}}

resource "aws_iam_role" "app" {
  name = "\${local.name}-app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  tags = local.tags
}

resource "aws_iam_policy" "app" {
  name   = "\${local.name}-app"
  policy = data.aws_iam_policy_document.app.json
  tags   = local.tags
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.app.arn
}
`;
  return {
    'variables.tf': variables,
    'storage.tf': storage,
    'network.tf': network,
    'iam.tf': iam,
  };
}

function writeTerraform(dir) {
  let bytes = 0;
  let files = 0;
  for (let i = 0; i < MODULES; i++) {
    const moduleDir = path.join(dir, `svc-${String(i).padStart(3, '0')}`);
    fs.mkdirSync(moduleDir, { recursive: true });
    for (const [name, content] of Object.entries(moduleFiles(i))) {
      fs.writeFileSync(path.join(moduleDir, name), content);
      bytes += Buffer.byteLength(content);
      files += 1;
    }
  }
  return { bytes, files };
}

// ---------------------------------------------------------------- Plan

const TAGS = { owner: 'team-platform', environment: 'production' };

/** The planned values of one service's resources, as the AWS provider plans them. */
function planResources(i) {
  const name = `svc-${i}`;
  const bucket = `acme-${name}-data`;
  const sg = {
    arn: null,
    description: `${name} application`,
    egress: [
      {
        cidr_blocks: ['0.0.0.0/0'],
        description: '',
        from_port: 0,
        ipv6_cidr_blocks: [],
        prefix_list_ids: [],
        protocol: '-1',
        security_groups: [],
        self: false,
        to_port: 0,
      },
    ],
    ingress: [
      {
        cidr_blocks: [i % 11 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'],
        description: 'SSH',
        from_port: 22,
        ipv6_cidr_blocks: [],
        prefix_list_ids: [],
        protocol: 'tcp',
        security_groups: [],
        self: false,
        to_port: 22,
      },
    ],
    name: `${name}-app`,
    revoke_rules_on_delete: false,
    tags: { Name: `${name}-app` },
    tags_all: { ...TAGS, Name: `${name}-app` },
    timeouts: null,
    vpc_id: 'vpc-0a1b2c3d4e5f60718',
  };
  const instance = {
    ami: 'ami-0a9f8e7d6c5b4a392',
    associate_public_ip_address: false,
    credit_specification: [],
    disable_api_stop: false,
    disable_api_termination: false,
    ebs_block_device: [],
    ebs_optimized: true,
    enclave_options: [],
    get_password_data: false,
    hibernation: false,
    iam_instance_profile: `${name}-app`,
    instance_initiated_shutdown_behavior: 'stop',
    instance_type: i % 17 === 0 ? 'm5.8xlarge' : 'm6i.large',
    launch_template: [],
    maintenance_options: [],
    metadata_options: [
      {
        http_endpoint: 'enabled',
        http_protocol_ipv6: 'disabled',
        http_put_response_hop_limit: 1,
        http_tokens: i % 9 === 0 ? 'optional' : 'required',
        instance_metadata_tags: 'disabled',
      },
    ],
    monitoring: true,
    root_block_device: [
      {
        delete_on_termination: true,
        encrypted: i % 19 !== 0,
        tags: null,
        volume_size: 30,
        volume_type: 'gp3',
      },
    ],
    source_dest_check: true,
    subnet_id: 'subnet-0a1a2a3a4a5a6a7a8',
    tags: { Name: `${name}-app` },
    tags_all: { ...TAGS, Name: `${name}-app` },
    timeouts: null,
    user_data:
      'IyEvYmluL2Jhc2gKc2V0IC1ldQpkbmYgaW5zdGFsbCAteSBhbWF6b24tY2xvdWR3YXRjaC1hZ2VudAo=',
    user_data_replace_on_change: false,
    volume_tags: null,
  };
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Data',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: [`arn:aws:s3:::${bucket}/*`],
      },
      {
        Sid: 'Queues',
        Effect: 'Allow',
        Action: i % 8 === 0 ? 'sqs:*' : ['sqs:SendMessage'],
        Resource:
          i % 8 === 0 ? '*' : `arn:aws:sqs:eu-west-1:123456789012:${name}`,
      },
    ],
  });
  return [
    [
      `aws_s3_bucket.data_${i}`,
      'aws_s3_bucket',
      {
        bucket,
        force_destroy: false,
        object_lock_enabled: false,
        tags: null,
        tags_all: TAGS,
        timeouts: null,
      },
    ],
    [
      `aws_s3_bucket_public_access_block.data_${i}`,
      'aws_s3_bucket_public_access_block',
      {
        bucket,
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: i % 13 !== 0,
      },
    ],
    [
      `aws_s3_bucket_server_side_encryption_configuration.data_${i}`,
      'aws_s3_bucket_server_side_encryption_configuration',
      {
        bucket,
        expected_bucket_owner: null,
        rule: [
          {
            apply_server_side_encryption_by_default: [
              { kms_master_key_id: null, sse_algorithm: 'aws:kms' },
            ],
            bucket_key_enabled: true,
          },
        ],
      },
    ],
    [
      `aws_s3_bucket_versioning.data_${i}`,
      'aws_s3_bucket_versioning',
      {
        bucket,
        expected_bucket_owner: null,
        mfa: null,
        versioning_configuration: [
          { status: i % 7 === 0 ? 'Suspended' : 'Enabled' },
        ],
      },
    ],
    [`aws_security_group.app_${i}`, 'aws_security_group', sg],
    [`aws_instance.app_${i}`, 'aws_instance', instance],
    [
      `aws_iam_policy.app_${i}`,
      'aws_iam_policy',
      {
        description: null,
        name: `${name}-app`,
        path: '/',
        policy,
        tags: null,
        tags_all: TAGS,
      },
    ],
  ];
}

/** A `terraform show -json` document of about `target` bytes, on one line as Terraform prints it. */
function writePlan(file, target) {
  const build = services => {
    const resources = [];
    const changes = [];
    const config = [];
    for (let i = 0; i < services; i++) {
      for (const [address, type, values] of planResources(i)) {
        const name = address.slice(type.length + 1);
        const common = {
          address,
          mode: 'managed',
          type,
          name,
          provider_name: 'registry.terraform.io/hashicorp/aws',
        };
        resources.push({
          ...common,
          schema_version: 0,
          values,
          sensitive_values: {},
        });
        changes.push({
          ...common,
          change: {
            actions: ['create'],
            before: null,
            after: values,
            after_unknown: { arn: true, id: true, tags_all: {} },
            before_sensitive: false,
            after_sensitive: {},
          },
        });
        config.push({
          address,
          mode: 'managed',
          type,
          name,
          provider_config_key: 'aws',
          expressions: Object.fromEntries(
            Object.entries(values)
              .filter(([, v]) => v !== null && typeof v !== 'object')
              .map(([k, v]) => [k, { constant_value: v }]),
          ),
          schema_version: 0,
        });
      }
    }
    return JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.9.8',
      planned_values: { root_module: { resources } },
      resource_changes: changes,
      configuration: {
        provider_config: {
          aws: {
            name: 'aws',
            full_name: 'registry.terraform.io/hashicorp/aws',
          },
        },
        root_module: { resources: config },
      },
      timestamp: '2024-11-21T09:14:03Z',
      applyable: true,
      complete: true,
      errored: false,
    });
  };
  const perService = Buffer.byteLength(build(10)) / 10;
  const services = Math.max(1, Math.round(target / perService));
  const text = build(services);
  fs.writeFileSync(file, `${text}\n`);
  return { bytes: Buffer.byteLength(text) + 1, resources: services * 7 };
}

// ---------------------------------------------------------------- Scanner process

/**
 * What the bundled process runs: the scanner as the CLI builds it
 * (createPolicyScanner over policies/), one job per process so that its
 * peak RSS is that job's. `terraform`: scan the folder (cold, as the CLI
 * does, then again warm). `plan`: scan the plan file.
 */
const ENTRY = `
import path from 'node:path';
import { createPolicyScanner } from ${JSON.stringify(
  path.join(root, 'plugins/policy-node/src'),
)};

async function main() {
  const [mode, policies, target] = process.argv.slice(2);
  const scanner = createPolicyScanner({ policiesDirectory: policies });
  const cwd = mode === 'terraform' ? target : path.dirname(target);
  const timed = async <T>(run: () => Promise<T> | T) => {
    const started = performance.now();
    const value = await run();
    return { value, seconds: (performance.now() - started) / 1000 };
  };
  const first = await timed(() => scanner.scan([target], { cwd }));
  const out: Record<string, unknown> = {
    seconds: first.seconds,
    summary: first.value.summary,
    errors: first.value.errors.slice(0, 3),
  };
  if (mode === 'terraform') {
    out.warmSeconds = (await timed(() => scanner.scan([target], { cwd }))).seconds;
  }
  out.peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify(out));
}

main().catch(error => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
`;

function runScanner(bundle, mode, target) {
  const child = spawnSync(
    process.execPath,
    [bundle, mode, path.join(root, 'policies'), target],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      // The HCL parser loads its WebAssembly from its own package folder,
      // so it stays out of the bundle and is found in node_modules.
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
    },
  );
  if (child.status !== 0) throw new Error(child.stderr || child.stdout);
  return JSON.parse(child.stdout);
}

const mb = n => (n / 1024 / 1024).toFixed(1);
const secs = n => n.toFixed(2);

exports.run = async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'agentic-bench-'));
  try {
    const tfDir = path.join(scratch, 'terraform');
    const tf = writeTerraform(tfDir);
    const planFile = path.join(scratch, 'plan', 'tfplan.json');
    fs.mkdirSync(path.dirname(planFile));
    const plan = writePlan(planFile, PLAN_TARGET_BYTES);

    const bundle = path.join(scratch, 'scan.cjs');
    esbuild.buildSync({
      stdin: {
        contents: ENTRY,
        loader: 'ts',
        resolveDir: root,
        sourcefile: 'policy-bench-entry.ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['@cdktf/hcl2json'],
      outfile: bundle,
      logLevel: 'silent',
    });

    const t = runScanner(bundle, 'terraform', tfDir);
    const p = runScanner(bundle, 'plan', planFile);

    const cliStarted = performance.now();
    const cli = spawnSync(
      process.execPath,
      [
        path.join(root, 'packages/cli/bin/agentic'),
        'policy',
        'scan',
        '--json',
        '--policies',
        path.join(root, 'policies'),
        '.',
      ],
      { cwd: tfDir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const cliSeconds = (performance.now() - cliStarted) / 1000;
    if (cli.status !== 0 && cli.status !== 2) throw new Error(cli.stderr);

    return {
      'Terraform files (modules)': `${tf.files} (${MODULES}), ${mb(
        tf.bytes,
      )} MB`,
      'resources / findings': `${t.summary.resources} / ${t.summary.findings}`,
      'time to scan 1,000 files (s)': `${secs(
        t.seconds,
      )} (target < 2), warm ${secs(t.warmSeconds)}`,
      'peak RSS, Terraform scan (MB)': mb(t.peakRss),
      'scan errors': t.summary.errors,
      'plan JSON (MB) / resources': `${mb(plan.bytes)} / ${plan.resources}`,
      'time to scan the plan (s)': p.errors.length
        ? `${secs(p.seconds)}, not scanned: ${p.errors[0].error}`
        : `${secs(p.seconds)} (${p.summary.resources} resources, ${
            p.summary.findings
          } findings)`,
      'peak RSS, plan (MB)': mb(p.peakRss),
      'bin/agentic policy scan, 1,000 files (s)': `${secs(
        cliSeconds,
      )} wall, with CLI start-up`,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
};

// For looking at what the bench scans: node -e "require('./scripts/bench/policy.bench.js').writePlan('/tmp/plan.json', 10 * 1024 * 1024)"
exports.writeTerraform = writeTerraform;
exports.writePlan = writePlan;
