export interface Config {
  /** The Planner: durable workflows of tasks. */
  planner?: {
    worker?: {
      /** Set false on replicas that should serve the API only. Default true. */
      enabled?: boolean;
      /** Task handlers one instance runs at once. Default 16. */
      concurrency?: number;
      /** How long a claimed task stays this instance's without a heartbeat. Default 30. */
      leaseSeconds?: number;
      /** How often running tasks' leases are extended. Default 5; must be well under leaseSeconds. */
      heartbeatSeconds?: number;
      /** How often an idle instance looks for ready tasks (work created here starts at once). Default 1000. */
      pollIntervalMs?: number;
    };
    retry?: {
      /** Backoff before the second attempt; doubles per attempt, with jitter. Default 1000. */
      initialDelayMs?: number;
      /** Upper bound of the backoff. Default 300000 (5 minutes). */
      maxDelayMs?: number;
    };
  };
}
