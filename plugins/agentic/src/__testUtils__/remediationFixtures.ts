import {
  Diagnosis,
  Remediation,
  RemediationStats,
} from '@agentic-devops/plugin-remediation-common';
import { ENTITY_REF } from './fixtures';

/** A missing Python package, found by pb-dep-001's rules. */
export function makeDiagnosis(overrides: Partial<Diagnosis> = {}): Diagnosis {
  return {
    category: 'missing_python_package',
    playbookId: 'pb-dep-001',
    rootCause: "ModuleNotFoundError: No module named 'yaml'",
    evidence: [
      { line: 41, text: '  File "app/config.py", line 3, in <module>' },
      { line: 42, text: "ModuleNotFoundError: No module named 'yaml'" },
    ],
    riskLevel: 'medium',
    confidence: 0.95,
    autoFixable: true,
    fix: {
      summary: 'Add PyYAML to requirements.txt',
      steps: [
        {
          type: 'add-python-dependency',
          with: { package: 'PyYAML' },
          description: 'Add PyYAML to requirements.txt',
        },
      ],
    },
    source: 'rules',
    facts: { module: 'yaml' },
    ...overrides,
  };
}

/** A fixed GitLab failure of the checkout service, with its merge request. */
export function makeRemediation(
  overrides: Partial<Remediation> = {},
): Remediation {
  return {
    id: 'rem-1',
    source: 'gitlab',
    project: 'shop/checkout',
    entityRef: ENTITY_REF,
    ref: 'main',
    pipelineId: '9001',
    pipelineUrl: 'https://gitlab.example/shop/checkout/-/pipelines/9001',
    jobId: '501',
    jobName: 'unit-tests',
    jobUrl: 'https://gitlab.example/shop/checkout/-/jobs/501',
    status: 'fixed',
    diagnosis: makeDiagnosis(),
    fingerprint: 'fp-1',
    attempt: 1,
    maxAttempts: 3,
    branch: 'agentic/fix-pb-dep-001-501',
    mergeRequestUrl: 'https://gitlab.example/shop/checkout/-/merge_requests/42',
    verifyPipelineId: '9002',
    workflowIds: ['wf-rem-1', 'wf-rem-2'],
    summary: 'Added PyYAML to requirements.txt; the pipeline is green again.',
    failedAt: '2025-01-01T10:00:00Z',
    createdAt: '2025-01-01T10:00:05Z',
    updatedAt: '2025-01-01T10:12:00Z',
    resolvedAt: '2025-01-01T10:12:00Z',
    ...overrides,
  };
}

/** A high-risk fix (a raised memory limit) waiting for an owner. */
export function makeAwaitingApproval(
  overrides: Partial<Remediation> = {},
): Remediation {
  return makeRemediation({
    id: 'rem-2',
    jobName: 'integration',
    status: 'awaiting_approval',
    diagnosis: makeDiagnosis({
      category: 'out_of_memory',
      playbookId: 'pb-resource-001',
      rootCause: 'Killed: the job exceeded its memory limit of 2Gi',
      evidence: [
        { line: 880, text: 'Killed: the job exceeded its memory limit of 2Gi' },
      ],
      riskLevel: 'high',
      fix: {
        summary: 'Raise the job memory limit from 2Gi to 4Gi',
        steps: [],
      },
      facts: {},
    }),
    branch: undefined,
    mergeRequestUrl: undefined,
    verifyPipelineId: undefined,
    summary: undefined,
    resolvedAt: undefined,
    workflowIds: ['wf-rem-3'],
    ...overrides,
  });
}

export function makeStats(
  overrides: Partial<RemediationStats> = {},
): RemediationStats {
  return {
    total: 12,
    successRate: 0.75,
    mttrSeconds: 754,
    byStatus: {
      fixed: 6,
      failed: 1,
      gave_up: 1,
      not_fixable: 3,
      awaiting_approval: 1,
    },
    topCauses: [
      { category: 'missing_python_package', count: 5 },
      { category: 'test_failure', count: 3 },
      { category: 'network_timeout', count: 2 },
    ],
    ...overrides,
  };
}
