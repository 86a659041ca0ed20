import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { answerToolName } from './claudePrompt';
import { ReasoningRequest } from './types';

export type ClaudeAnswer<T> =
  | { status: 'answered'; answer: T }
  | { status: 'no-answer'; reason: string };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The structured answer in Claude's response, if it is one: the `answer`
 * tool's input, valid against the request's schema and accepted by its
 * `verify`. Anything else is a no-answer with the reason, never an error.
 */
export function readClaudeAnswer<T>(
  message: Anthropic.Message,
  request: ReasoningRequest<T>,
  redactedInput: string,
): ClaudeAnswer<T> {
  if (message.stop_reason === 'max_tokens') {
    return {
      status: 'no-answer',
      reason: 'the answer was cut off at the output token limit',
    };
  }
  const toolUse = message.content.find(
    (block): block is Anthropic.ToolUseBlock =>
      block.type === 'tool_use' && block.name === answerToolName,
  );
  if (!toolUse) {
    return {
      status: 'no-answer',
      reason: `the model gave no answer (stop reason: ${message.stop_reason})`,
    };
  }
  const parsed = request.schema.safeParse(toolUse.input);
  if (!parsed.success) {
    return {
      status: 'no-answer',
      reason: `the answer does not match the schema: ${describeIssues(
        parsed.error,
      )}`,
    };
  }
  const verdict = request.verify?.(parsed.data, redactedInput) ?? true;
  if (verdict !== true) {
    return {
      status: 'no-answer',
      reason: `the answer was rejected: ${verdict}`,
    };
  }
  return { status: 'answered', answer: parsed.data };
}
