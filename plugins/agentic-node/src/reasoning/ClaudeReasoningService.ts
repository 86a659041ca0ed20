import Anthropic from '@anthropic-ai/sdk';
import { LoggerService } from '@backstage/backend-plugin-api';
import { applyRules } from './applyRules';
import { claudeMessageParams } from './claudePrompt';
import { readClaudeAnswer } from './readClaudeAnswer';
import { ReasoningCall, ReasoningUsageStore } from './ReasoningUsageStore';
import {
  ReasoningRequest,
  ReasoningResult,
  ReasoningService,
  TokenUsage,
} from './types';

export interface ClaudeReasoningServiceOptions {
  apiKey: string;
  model: string;
  /** Another Messages API endpoint (a proxy, or a fake in tests). */
  baseUrl?: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries of failed attempts (connection errors, timeouts, 408, 409, 429, 5xx), by the SDK. */
  maxRetries: number;
  /** Unless a request asks for another limit. */
  maxOutputTokens: number;
  logger: LoggerService;
  /** Where each call's token use is recorded; without it, calls are only logged. */
  usageStore?: ReasoningUsageStore;
}

const noTokens: TokenUsage = { inputTokens: 0, outputTokens: 0 };

/**
 * The `llm` engine: the request's rules first, then Claude through a forced
 * `answer` tool whose input schema is the request's schema.
 *
 * It never throws for a bad answer or a failed call: an invalid or rejected
 * answer, a timeout or an API error after the SDK's retries all become
 * `no-answer` with the reason, so agents degrade to "unknown" instead of
 * failing. Only a caller's own abort (`request.signal`) is rethrown.
 */
export class ClaudeReasoningService implements ReasoningService {
  readonly engine = 'llm';
  readonly model: string;
  readonly #client: Anthropic;
  readonly #maxOutputTokens: number;
  readonly #logger: LoggerService;
  readonly #usageStore?: ReasoningUsageStore;

  constructor(options: ClaudeReasoningServiceOptions) {
    this.model = options.model;
    this.#client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
    });
    this.#maxOutputTokens = options.maxOutputTokens;
    this.#logger = options.logger;
    this.#usageStore = options.usageStore;
  }

  async structured<T>(
    request: ReasoningRequest<T>,
  ): Promise<ReasoningResult<T>> {
    const { redactedInput, redactions, result } = applyRules(request);
    if (result.status === 'answered') {
      return result;
    }
    const params = claudeMessageParams(request, redactedInput, {
      model: this.model,
      maxOutputTokens: this.#maxOutputTokens,
    });
    const started = performance.now();
    let message: Anthropic.Message;
    try {
      message = await this.#client.messages.create(params, {
        signal: request.signal,
      });
    } catch (error) {
      if (request.signal?.aborted) {
        throw error;
      }
      const reason = `llm error: ${
        error instanceof Error ? error.message : String(error)
      }`;
      await this.#recordCall({
        purpose: request.purpose,
        model: this.model,
        usage: noTokens,
        durationMs: performance.now() - started,
        outcome: 'error',
      });
      this.#logger.warn(`Reasoning call for ${request.purpose} failed`, {
        purpose: request.purpose,
        reason,
      });
      return {
        status: 'no-answer',
        reason,
        source: 'llm',
        model: this.model,
        redactions,
      };
    }
    const durationMs = performance.now() - started;
    const usage: TokenUsage = {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
    };
    const answer = readClaudeAnswer(message, request, redactedInput);
    await this.#recordCall({
      purpose: request.purpose,
      model: message.model,
      usage,
      durationMs,
      outcome: answer.status,
    });
    return {
      ...answer,
      source: 'llm',
      model: message.model,
      usage,
      redactions,
    };
  }

  /** Logs the call (never its input) and records its token use. */
  async #recordCall(call: ReasoningCall) {
    this.#logger.info(`Reasoning call for ${call.purpose}: ${call.outcome}`, {
      purpose: call.purpose,
      model: call.model,
      inputTokens: call.usage.inputTokens,
      outputTokens: call.usage.outputTokens,
      durationMs: Math.round(call.durationMs),
      outcome: call.outcome,
    });
    try {
      await this.#usageStore?.record(call);
    } catch (error) {
      // Bookkeeping must not cost the caller its answer.
      this.#logger.warn('Could not record the token use of a reasoning call', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
