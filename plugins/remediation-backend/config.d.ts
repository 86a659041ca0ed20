export interface Config {
  remediation?: {
    playbooks?: {
      /**
       * The folder of playbook YAML files (playbooks, classifiers, noise).
       * Relative paths are resolved from the backend's working directory.
       * An invalid playbook stops start-up, naming the file.
       */
      directory?: string;
    };
    /** Attempts per failure (same project, ref, job and cause); default 3. */
    maxAttempts?: number;
    /** Prefix of the agent's fix branches; default `agentic/fix`. */
    branchPrefix?: string;
    verify?: {
      /** How long to wait for a pipeline to finish before giving up; default 60 minutes. */
      timeoutMinutes?: number;
      /** How often to look at a running pipeline; default 15 seconds. */
      pollSeconds?: number;
    };
    log?: {
      /** How much of a job log's end is kept (redacted) with the record; default 32 KiB. */
      tailKiB?: number;
    };
  };
}
