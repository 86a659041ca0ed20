import {
  ComplianceReport,
  ComplianceRow,
  PolicyScan,
  ScanTrendPoint,
  Waiver,
} from '@agentic-devops/plugin-policy-common';
import { ENTITY_REF } from './fixtures';

type ScanFinding = PolicyScan['findings'][number];

/** An S3 bucket without encryption: a high finding of the Terraform rules. */
export function makeFinding(overrides: Partial<ScanFinding> = {}): ScanFinding {
  return {
    ruleId: 's3-encryption',
    severity: 'high',
    file: 'infra/main.tf',
    line: 12,
    resource: 'aws_s3_bucket.logs',
    message: 'S3 bucket aws_s3_bucket.logs is not encrypted at rest',
    remediation:
      'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket',
    frameworks: ['CIS AWS', 'PCI-DSS'],
    status: 'violated',
    ...overrides,
  };
}

/**
 * The checkout service's latest scan, from a merge request: an open SSH
 * port (critical), an unencrypted bucket (high), a value unknown before
 * apply (medium) and a waived latest tag (low).
 */
export function makeScan(overrides: Partial<PolicyScan> = {}): PolicyScan {
  return {
    id: 'scan-3',
    entityRef: ENTITY_REF,
    trigger: 'merge_request',
    target: 'shop/checkout',
    commitSha: '0123456789abcdef0123456789abcdef01234567',
    mergeRequestUrl: 'https://gitlab.example/shop/checkout/-/merge_requests/7',
    createdAt: '2025-03-03T09:00:00Z',
    summary: {
      files: 14,
      resources: 31,
      findings: 4,
      bySeverity: { critical: 1, high: 1, medium: 1, low: 1 },
      errors: 1,
    },
    findings: [
      makeFinding({
        ruleId: 'sg-open-ssh',
        severity: 'critical',
        file: 'infra/network.tf',
        line: 30,
        resource: 'aws_security_group.bastion',
        message:
          'Security group aws_security_group.bastion opens SSH to 0.0.0.0/0',
        remediation: 'Restrict port 22 to the VPN range',
        frameworks: ['CIS AWS'],
      }),
      makeFinding(),
      makeFinding({
        ruleId: 'instance-type-allowed',
        severity: 'medium',
        file: 'infra/compute.tf',
        line: 8,
        resource: 'aws_instance.worker',
        message: 'The instance type of aws_instance.worker is not allowed',
        remediation: 'Use one of t3.micro, t3.small',
        frameworks: ['cost'],
        status: 'unknown',
        detail: 'var.instance_type has no default and no .tfvars value',
      }),
      makeFinding({
        ruleId: 'k8s-latest-tag',
        severity: 'low',
        file: 'deploy/web.yaml',
        line: 0,
        resource: 'Deployment/web',
        message: 'Container web of Deployment/web uses the latest tag',
        remediation: 'Pin the image to a version or digest',
        frameworks: ['operations'],
        waiverId: 'waiver-approved',
      }),
    ],
    errors: [{ file: 'infra/broken.tf', error: 'Unexpected "}" at line 4' }],
    ...overrides,
  };
}

export function makeWaiver(overrides: Partial<Waiver> = {}): Waiver {
  return {
    id: 'waiver-approved',
    ruleId: 'k8s-latest-tag',
    entityRef: ENTITY_REF,
    resourcePattern: 'Deployment/web*',
    reason: 'The web image is rebuilt and redeployed on every commit',
    expiresAt: '2025-09-01T00:00:00Z',
    status: 'approved',
    requestedBy: 'user:default/alice',
    requestedAt: '2025-02-01T10:00:00Z',
    decidedBy: 'user:default/bob',
    decidedAt: '2025-02-02T10:00:00Z',
    uses: 3,
    ...overrides,
  };
}

/** A pending request to waive the open SSH port of the bastion. */
export function makePendingWaiver(overrides: Partial<Waiver> = {}): Waiver {
  return makeWaiver({
    id: 'waiver-pending',
    ruleId: 'sg-open-ssh',
    resourcePattern: 'aws_security_group.bastion',
    reason: 'The bastion is reachable only through the office firewall',
    expiresAt: '2025-06-01T00:00:00Z',
    status: 'pending',
    requestedAt: '2025-03-03T10:00:00Z',
    decidedBy: undefined,
    decidedAt: undefined,
    uses: 0,
    ...overrides,
  });
}

/** Three scans, oldest first, getting better. */
export function makeTrend(): ScanTrendPoint[] {
  return [
    {
      scanId: 'scan-1',
      createdAt: '2025-03-01T09:00:00Z',
      bySeverity: { critical: 2, high: 3, medium: 1, low: 2 },
      waived: 0,
    },
    {
      scanId: 'scan-2',
      createdAt: '2025-03-02T09:00:00Z',
      bySeverity: { critical: 1, high: 2, medium: 1, low: 1 },
      waived: 1,
    },
    {
      scanId: 'scan-3',
      createdAt: '2025-03-03T09:00:00Z',
      bySeverity: { critical: 1, high: 1, medium: 1, low: 1 },
      waived: 1,
    },
  ];
}

export function makeComplianceRow(
  overrides: Partial<ComplianceRow> = {},
): ComplianceRow {
  return {
    framework: 'CIS AWS',
    ruleId: 's3-encryption',
    severity: 'high',
    owner: 'group:default/payments',
    entities: 4,
    compliant: 3,
    findings: 1,
    waived: 0,
    ...overrides,
  };
}

/** Two frameworks, two teams. */
export function makeComplianceReport(
  overrides: Partial<ComplianceReport> = {},
): ComplianceReport {
  return {
    generatedAt: '2025-03-03T12:00:00Z',
    frameworks: [
      { framework: 'CIS AWS', compliant: 8, total: 10 },
      { framework: 'PCI-DSS', compliant: 1, total: 4 },
    ],
    rows: [
      makeComplianceRow(),
      makeComplianceRow({
        ruleId: 'sg-open-ssh',
        severity: 'critical',
        owner: 'group:default/platform',
        entities: 6,
        compliant: 5,
        findings: 2,
        waived: 1,
      }),
      makeComplianceRow({
        framework: 'PCI-DSS',
        ruleId: 'rds-encryption',
        severity: 'high',
        owner: 'group:default/payments',
        entities: 4,
        compliant: 1,
        findings: 3,
        waived: 0,
      }),
    ],
    ...overrides,
  };
}
