export interface Config {
  scaffolder?: {
    /**
     * `agentic:publish:local`, the embedded default for publishing a new
     * service: a git repository per service in a folder of the backend's host.
     */
    localPublish?: {
      /**
       * Whether services may be published to local repositories; default
       * true. Turn it off where the backend's disk is not the place for them
       * (several replicas, a read-only file system): the template's
       * validation then refuses `local` and GitLab is the way to publish.
       */
      enabled?: boolean;
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
