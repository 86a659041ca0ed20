import { redactSecrets } from '@agentic-devops/plugin-agentic-common';
import { ReasoningRequest, ReasoningResult } from './types';

/**
 * The first step of every engine: redact the input, then ask the request's
 * offline rules. An answer from them is final.
 */
export function applyRules<T>(request: ReasoningRequest<T>): {
  redactedInput: string;
  redactions: number;
  result: ReasoningResult<T>;
} {
  const { text: redactedInput, redactions } = redactSecrets(request.input);
  const answer = request.rules?.(redactedInput);
  const result: ReasoningResult<T> =
    answer === undefined
      ? {
          status: 'no-answer',
          reason: 'no rule matched',
          source: 'rules',
          redactions,
        }
      : { status: 'answered', answer, source: 'rules', redactions };
  return { redactedInput, redactions, result };
}
