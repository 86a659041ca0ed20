import {
  categoryLabel,
  formatMttr,
  formatRate,
  isRemediationInProgress,
  mergeRequestLabel,
  remediationStatusLabel,
} from './remediation';

describe('remediation words', () => {
  it('labels categories readably, also ones it does not know', () => {
    expect(categoryLabel('missing_python_package')).toBe(
      'Missing Python package',
    );
    expect(categoryLabel('missing_env_var')).toBe(
      'Missing environment variable',
    );
    expect(categoryLabel('unknown')).toBe('Unknown cause');
    expect(categoryLabel('gpu_on_fire')).toBe('Gpu on fire');
    expect(remediationStatusLabel('awaiting_approval')).toBe(
      'awaiting approval',
    );
  });

  it('formats success rate and MTTR, with a dash before there are any', () => {
    expect(formatRate(0.755)).toBe('76%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('–');
    expect(formatMttr(754)).toBe('12 m 34 s');
    expect(formatMttr(3 * 86_400 + 7_200)).toBe('3 d 2 h');
    expect(formatMttr(0)).toBe('< 1 s');
    expect(formatMttr(null)).toBe('–');
  });

  it('polls only while the agent itself is at work', () => {
    expect(isRemediationInProgress('diagnosing')).toBe(true);
    expect(isRemediationInProgress('verifying')).toBe(true);
    expect(isRemediationInProgress('awaiting_approval')).toBe(false);
    expect(isRemediationInProgress('fixed')).toBe(false);
    expect(isRemediationInProgress('gave_up')).toBe(false);
  });

  it('names GitLab merge requests by their number', () => {
    expect(
      mergeRequestLabel(
        'https://gitlab.example/shop/checkout/-/merge_requests/42',
      ),
    ).toBe('!42');
    expect(mergeRequestLabel('https://code.example/pull/7')).toBe(
      'Merge request',
    );
  });
});
