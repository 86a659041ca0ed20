import { z } from 'zod';
import { RulesReasoningService } from './RulesReasoningService';
import { ReasoningRequest, ReasoningService } from './types';

const schema = z.object({ cause: z.string() });

function request(
  overrides: Partial<ReasoningRequest<{ cause: string }>> = {},
): ReasoningRequest<{ cause: string }> {
  return {
    purpose: 'remediation.diagnose',
    instructions: 'Say why the CI job failed.',
    input: 'npm ERR! code ETIMEDOUT',
    schema,
    ...overrides,
  };
}

describe('RulesReasoningService', () => {
  const service: ReasoningService = new RulesReasoningService();

  it('is the rules engine', () => {
    expect(service.engine).toBe('rules');
    expect(service.model).toBeUndefined();
  });

  it("returns the rules' answer as final", async () => {
    const result = await service.structured(
      request({
        rules: input =>
          input.includes('ETIMEDOUT') ? { cause: 'network' } : undefined,
      }),
    );
    expect(result).toEqual({
      status: 'answered',
      answer: { cause: 'network' },
      source: 'rules',
      redactions: 0,
    });
  });

  it('gives no answer when no rule matches, or there are no rules', async () => {
    const noAnswer = {
      status: 'no-answer',
      reason: 'no rule matched',
      source: 'rules',
      redactions: 0,
    };
    expect(
      await service.structured(request({ rules: () => undefined })),
    ).toEqual(noAnswer);
    expect(await service.structured(request())).toEqual(noAnswer);
  });

  it('hands the rules the redacted input and counts the redactions', async () => {
    const rules = jest.fn(() => undefined);
    const result = await service.structured(
      request({ input: 'export API_TOKEN=abc123\nDB_PASSWORD=hunter2', rules }),
    );
    expect(rules).toHaveBeenCalledWith(
      'export API_TOKEN=[REDACTED:secret]\nDB_PASSWORD=[REDACTED:password]',
    );
    expect(result.redactions).toBe(2);
  });
});
