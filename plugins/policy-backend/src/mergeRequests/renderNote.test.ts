import { PolicyScan, summarize } from '@agentic-devops/plugin-policy-common';
import {
  POLICY_NOTE_MARKER,
  renderNote,
  statusDescription,
} from './renderNote';

const finding = (
  overrides: Partial<PolicyScan['findings'][number]> = {},
): PolicyScan['findings'][number] => ({
  ruleId: 'k8s-privileged',
  severity: 'critical',
  file: 'deploy/web.yaml',
  line: 12,
  resource: 'Deployment/web',
  message: 'A container runs privileged',
  remediation: 'Set privileged: false',
  frameworks: ['CIS Kubernetes'],
  status: 'violated',
  ...overrides,
});

function scan(findings: PolicyScan['findings']): PolicyScan {
  return {
    id: 's1',
    trigger: 'merge_request',
    target: 'payments/checkout',
    commitSha: '0123456789abcdef0123',
    createdAt: '2026-12-01T10:00:00.000Z',
    summary: summarize({
      files: 1,
      resources: 1,
      findings: findings.filter(f => !f.waiverId),
      errors: [],
    }),
    findings,
    errors: [],
  };
}

describe('renderNote', () => {
  it('lists waived findings apart from the open ones, which alone decide', () => {
    const note = renderNote(
      scan([
        finding({ waiverId: 'w-1' }),
        finding({
          severity: 'medium',
          ruleId: 'k8s-resource-limits',
          status: 'unknown',
          detail: 'limits come from `var.x`',
        }),
      ]),
      { failOn: 'critical' },
    );
    expect(note.split('\n')[0]).toBe(POLICY_NOTE_MARKER);
    expect(note).toContain('### Policy check passed');
    expect(note).toContain('Commit `0123456789ab`: 1 changed file scanned.');
    expect(note).toContain(
      'Open findings: 0 critical · 0 high · **1 medium** · 0 low (1 waived)',
    );
    expect(note).toContain(
      "| medium (unknown) | `deploy/web.yaml:12` | `k8s-resource-limits` | `Deployment/web` | A container runs privileged `limits come from 'var.x'` |",
    );
    expect(note).toContain(
      '#### Waived\n\n- `k8s-privileged` on `Deployment/web` at `deploy/web.yaml:12`: waiver `w-1`',
    );
    expect(note).not.toContain('portal');
  });

  it('keeps text from the merge request inside code spans and cells', () => {
    const note = renderNote(
      scan([
        finding({
          file: 'a|b.yaml',
          line: 0,
          resource: '@all `x`',
          message: 'two\nlines',
        }),
      ]),
      { failOn: 'critical' },
    );
    expect(note).toContain(
      "| critical | `a\\|b.yaml` | `k8s-privileged` | `@all 'x'` | two lines |",
    );
  });

  it('shows at most 50 findings', () => {
    const many = Array.from({ length: 60 }, (_, i) => finding({ line: i + 1 }));
    const note = renderNote(scan(many), {
      failOn: 'high',
      portalUrl: 'http://portal',
    });
    expect(note.match(/^\| critical/gm)).toHaveLength(50);
    expect(note).toContain(
      '… and 10 more open findings, listed in the portal.',
    );
    expect(statusDescription(scan(many), 'high')).toBe(
      '60 findings at high or above',
    );
  });
});
