export interface Config {
  agentic?: {
    reasoning?: {
      /**
       * Claude, for the reasoning service's `llm` engine. Without an API key
       * the agents use the offline rules engine.
       */
      anthropic?: {
        /**
         * Anthropic API key. Unset or blank: rules engine only.
         * @visibility secret
         */
        apiKey?: string;
        /** The model to ask; default `claude-sonnet-5-5`. */
        model?: string;
        /** Another Messages API endpoint, e.g. a proxy; default the Anthropic API. */
        baseUrl?: string;
        /** Timeout of one attempt, in milliseconds; default 60000. */
        timeoutMs?: number;
        /** Retries of a failed attempt (connection errors, 429, 5xx); default 2. */
        maxRetries?: number;
        /** Output token limit of an answer, unless a request sets its own; default 1024. */
        maxOutputTokens?: number;
      };
    };
  };
}
