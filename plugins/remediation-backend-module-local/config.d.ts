export interface Config {
  remediation?: {
    /** Local git repositories and a local pipeline runner (gitlab-ci-local). */
    local?: {
      /** Default true. */
      enabled?: boolean;
      /**
       * Where pipelines (records, job logs), checkouts, fix branch clones and
       * project CI/CD variables are kept; relative to the backend's working
       * directory. Default: a folder in the system's temporary directory.
       */
      dataDirectory?: string;
      /**
       * The directories whose git repositories the agent may run and fix.
       * Default: the home directory, the temporary directory and the
       * backend's working directory.
       */
      repositoryRoots?: string[];
      /** A job's time limit when its `timeout:` sets none. Default 3600. */
      jobTimeoutSeconds?: number;
      /** The most any job may run, whatever its `timeout:`. Default the larger of 10800 and jobTimeoutSeconds. */
      maxJobTimeoutSeconds?: number;
    };
  };
}
