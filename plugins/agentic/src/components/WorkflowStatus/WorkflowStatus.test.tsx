import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { statusKind, statusLabel, WorkflowStatus } from './WorkflowStatus';

describe('WorkflowStatus', () => {
  it('maps every status to a Backstage status kind', () => {
    expect(statusKind('succeeded')).toBe('ok');
    expect(statusKind('failed')).toBe('error');
    expect(statusKind('running')).toBe('running');
    expect(statusKind('pending')).toBe('pending');
    expect(statusKind('blocked')).toBe('pending');
    expect(statusKind('ready')).toBe('pending');
    expect(statusKind('cancelled')).toBe('aborted');
    expect(statusKind('lease_expired')).toBe('warning');
    expect(statusLabel('lease_expired')).toBe('lease expired');
  });

  it('renders the status with its icon', async () => {
    await renderInTestApp(<WorkflowStatus status="failed" />);
    expect(screen.getByText('failed')).toBeInTheDocument();
    expect(screen.getByTestId('status-error')).toBeInTheDocument();
  });
});
