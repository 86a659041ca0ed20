export interface Config {
  policy?: {
    /**
     * An Open Policy Agent server as a second source of verdicts, next to
     * the rules in policies/. Without `baseUrl` the module adds nothing.
     */
    opa?: {
      /** The server's address, e.g. `http://opa.platform.svc:8181`. */
      baseUrl: string;
      /**
       * The decision asked for each resource, as a Data API path (without
       * `/v1/data/`): a list of violations. Default `agentic/policy/deny`.
       */
      path?: string;
      /** How long one decision may take; default 10. */
      timeoutSeconds?: number;
      /**
       * A bearer token, for a server started with `--authentication=token`.
       * @visibility secret
       */
      token?: string;
    };
  };
}
