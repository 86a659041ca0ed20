import { Config } from '@backstage/config';

/** The Claude model asked when `agentic.reasoning.anthropic.model` is not set. */
export const defaultClaudeModel = 'claude-sonnet-5-5';

export interface AnthropicReasoningConfig {
  apiKey: string;
  model: string;
  baseUrl?: string;
  timeoutMs: number;
  maxRetries: number;
  maxOutputTokens: number;
}

const prefix = 'agentic.reasoning.anthropic';

function readInteger(
  config: Config,
  key: string,
  options: { default: number; min: number },
): number {
  // getOptionalNumber itself rejects a non-number, naming the key.
  const value = config.getOptionalNumber(`${prefix}.${key}`) ?? options.default;
  if (!Number.isInteger(value) || value < options.min) {
    throw new Error(
      `Invalid config: ${prefix}.${key} must be an integer of at least ${options.min}, got ${value}`,
    );
  }
  return value;
}

/** The key, or undefined when unset or blank (`apiKey: ''` reads as unset too). */
function readApiKey(config: Config): string | undefined {
  const key = `${prefix}.apiKey`;
  const value = config.getOptional(key);
  if (typeof value === 'string' && value.trim() === '') {
    return undefined;
  }
  return config.getOptionalString(key)?.trim();
}

function readBaseUrl(config: Config): string | undefined {
  const value = config.getOptionalString(`${prefix}.baseUrl`);
  if (value === undefined) {
    return undefined;
  }
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(
      `Invalid config: ${prefix}.baseUrl must be an http or https URL, got '${value}'`,
    );
  }
  return value;
}

/**
 * The `agentic.reasoning.anthropic` settings, checked whether or not a key is
 * set, so a mistake shows at start-up rather than when a key is added. Returns
 * undefined without a key (unset or blank): the rules engine then answers.
 */
export function readReasoningConfig(
  config: Config,
): AnthropicReasoningConfig | undefined {
  const apiKey = readApiKey(config);
  const settings = {
    // getOptionalString rejects an empty string itself, naming the key.
    model: config.getOptionalString(`${prefix}.model`) ?? defaultClaudeModel,
    baseUrl: readBaseUrl(config),
    timeoutMs: readInteger(config, 'timeoutMs', { default: 60_000, min: 1 }),
    maxRetries: readInteger(config, 'maxRetries', { default: 2, min: 0 }),
    maxOutputTokens: readInteger(config, 'maxOutputTokens', {
      default: 1024,
      min: 1,
    }),
  };
  return apiKey ? { apiKey, ...settings } : undefined;
}
