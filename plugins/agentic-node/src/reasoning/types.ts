import { z } from 'zod';

/** Tokens one LLM call used. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** "Turn this text into this structured answer." */
export interface ReasoningRequest<T> {
  /** What the call is for, e.g. `planner.plan`, `remediation.diagnose`; recorded with its usage. */
  purpose: string;
  /** The task in plain words (the system prompt). Never contains untrusted text. */
  instructions: string;
  /**
   * The untrusted text to reason about (a job log, a goal someone typed). It is
   * redacted first and handed to an LLM as quoted data, never as instructions.
   */
  input: string;
  /** The answer's shape; an LLM answer that does not validate is rejected. */
  schema: z.ZodType<T>;
  /** Offline rules, tried first with the redacted input; an answer from them is final. */
  rules?: (redactedInput: string) => T | undefined;
  /** Further check of an LLM answer (e.g. quoted evidence exists in the input); a string rejects it with that reason. */
  verify?: (answer: T, redactedInput: string) => true | string;
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export type ReasoningResult<T> =
  | {
      status: 'answered';
      answer: T;
      source: 'rules' | 'llm';
      model?: string;
      usage?: TokenUsage;
      /** How many secrets the redaction step replaced in the input. */
      redactions: number;
    }
  | {
      status: 'no-answer';
      /** Why: no rule matched (offline), or the LLM's answer was invalid or rejected. */
      reason: string;
      source: 'rules' | 'llm';
      model?: string;
      usage?: TokenUsage;
      redactions: number;
    };

/**
 * One interface, two engines: `rules` (the default, offline) and `llm`
 * (Claude, when `agentic.reasoning.anthropic.apiKey` is set).
 */
export interface ReasoningService {
  readonly engine: 'rules' | 'llm';
  /** The model an `llm` engine asks. */
  readonly model?: string;
  structured<T>(request: ReasoningRequest<T>): Promise<ReasoningResult<T>>;
}
