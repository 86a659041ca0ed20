export interface Config {
  policy?: {
    rules?: {
      /**
       * The folder of policy rules (`<kind>/<id>.yaml`). Relative paths are
       * resolved from the backend's working directory. An invalid rule stops
       * start-up, naming the file, the rule and the problem.
       */
      directory?: string;
      /**
       * Per rule id: turn a rule off, change its severity, set its
       * parameters (allowed instance types, required tag keys). Naming a
       * rule that does not exist, or a wrong value, stops start-up.
       */
      overrides?: {
        [ruleId: string]: {
          enabled?: boolean;
          severity?: 'critical' | 'high' | 'medium' | 'low';
          params?: { [name: string]: any };
        };
      };
    };
    gate?: {
      /**
       * The severity at which a merge request's `agentic/policy` commit
       * status fails (an unwaived finding at or above it); also the default
       * of the `policy.check` task. Default `critical`.
       */
      failOn?: 'critical' | 'high' | 'medium' | 'low';
    };
    check?: {
      /**
       * Folders the `policy.check` task may scan (it and everything below
       * it). Unset: any folder the backend can read, which suits a portal
       * on a developer's machine; set it wherever workflows are started by
       * many people.
       */
      roots?: string[];
    };
    waivers?: {
      /** How far ahead a waiver may expire, in days; default 365. */
      maxDays?: number;
    };
  };
}
