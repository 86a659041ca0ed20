import { ResponseError } from '@backstage/errors';
import { describeDecisionError } from './useRemediationDecision';

function responseError(statusCode: number, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/remediations/rem-1/approve' },
        response: { statusCode },
      }),
      { status: statusCode, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

describe('describeDecisionError', () => {
  it("tells a non-owner they may not decide, in the agent's words", async () => {
    expect(
      describeDecisionError(
        await responseError(
          403,
          'NotAllowedError',
          'Only the owners of component:default/checkout-service (group:default/payments) can decide on this fix',
        ),
      ),
    ).toEqual({
      title: 'You may not decide on this fix',
      message:
        'Only the owners of component:default/checkout-service (group:default/payments) can decide on this fix',
    });
  });

  it('tells that the fix was decided meanwhile on a 409', async () => {
    expect(
      describeDecisionError(
        await responseError(
          409,
          'ConflictError',
          'Remediation rem-1 was decided meanwhile',
        ),
      ),
    ).toEqual({
      title: 'This fix no longer awaits approval',
      message: 'Remediation rem-1 was decided meanwhile',
    });
  });

  it('passes other failures on as they are', async () => {
    expect(
      describeDecisionError(
        await responseError(500, 'Error', 'database is locked'),
      ),
    ).toEqual({ title: 'The decision failed', message: 'database is locked' });
    expect(describeDecisionError(new TypeError('Failed to fetch'))).toEqual({
      title: 'The decision failed',
      message: 'Failed to fetch',
    });
  });
});
