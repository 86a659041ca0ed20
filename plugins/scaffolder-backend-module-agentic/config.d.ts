export interface Config {
  scaffolder?: {
    /**
     * `agentic:publish:local`, the embedded default for publishing a new
     * service: a git repository per service in a folder of the backend's host.
     */
    localPublish?: {
      /**
       * Where the repositories are created (one folder per service), and the
       * only folder whose files the catalog may read through `file:` URLs.
       * Relative to the backend's working directory. Default
       * `../../.data/repositories`: the portal's git-ignored data folder when
       * the backend runs from packages/backend.
       */
      directory?: string;
    };
  };
}
