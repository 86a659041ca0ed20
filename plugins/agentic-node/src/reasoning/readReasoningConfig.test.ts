import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { defaultClaudeModel, readReasoningConfig } from './readReasoningConfig';

const withAnthropic = (anthropic: JsonObject) =>
  new ConfigReader({ agentic: { reasoning: { anthropic } } });

describe('readReasoningConfig', () => {
  it('has no Claude settings without a key, or with a blank one', () => {
    expect(readReasoningConfig(new ConfigReader({}))).toBeUndefined();
    expect(readReasoningConfig(withAnthropic({ apiKey: '' }))).toBeUndefined();
    expect(
      readReasoningConfig(withAnthropic({ apiKey: '  ' })),
    ).toBeUndefined();
  });

  it('fills in the defaults', () => {
    expect(readReasoningConfig(withAnthropic({ apiKey: 'k' }))).toEqual({
      apiKey: 'k',
      model: defaultClaudeModel,
      baseUrl: undefined,
      timeoutMs: 60_000,
      maxRetries: 2,
      maxOutputTokens: 1024,
    });
  });

  it('reads every setting', () => {
    expect(
      readReasoningConfig(
        withAnthropic({
          apiKey: 'k',
          model: 'claude-haiku-4-5',
          baseUrl: 'http://127.0.0.1:9999',
          timeoutMs: 5000,
          maxRetries: 0,
          maxOutputTokens: 256,
        }),
      ),
    ).toEqual({
      apiKey: 'k',
      model: 'claude-haiku-4-5',
      baseUrl: 'http://127.0.0.1:9999',
      timeoutMs: 5000,
      maxRetries: 0,
      maxOutputTokens: 256,
    });
  });

  it.each([
    [
      { timeoutMs: -5 },
      /agentic\.reasoning\.anthropic\.timeoutMs must be an integer of at least 1, got -5/,
    ],
    [{ timeoutMs: 0 }, /agentic\.reasoning\.anthropic\.timeoutMs/],
    [{ timeoutMs: 'soon' }, /agentic\.reasoning\.anthropic\.timeoutMs/],
    [
      { maxRetries: -1 },
      /agentic\.reasoning\.anthropic\.maxRetries must be an integer of at least 0/,
    ],
    [{ maxRetries: 1.5 }, /agentic\.reasoning\.anthropic\.maxRetries/],
    [
      { maxOutputTokens: true },
      /agentic\.reasoning\.anthropic\.maxOutputTokens/,
    ],
    [{ apiKey: 42 }, /agentic\.reasoning\.anthropic\.apiKey/],
    [{ model: '' }, /agentic\.reasoning\.anthropic\.model/],
    [
      { baseUrl: 'not a url' },
      /agentic\.reasoning\.anthropic\.baseUrl must be an http or https URL/,
    ],
    [{ baseUrl: 'ftp://host' }, /agentic\.reasoning\.anthropic\.baseUrl/],
  ])('rejects %j, naming the key', (settings, message) => {
    expect(() =>
      readReasoningConfig(withAnthropic({ apiKey: 'k', ...settings })),
    ).toThrow(message);
  });

  it('checks the settings even without a key', () => {
    expect(() => readReasoningConfig(withAnthropic({ timeoutMs: -1 }))).toThrow(
      /timeoutMs/,
    );
  });
});
