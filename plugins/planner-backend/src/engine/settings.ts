import { Config } from '@backstage/config';

export interface WorkerSettings {
  enabled: boolean;
  concurrency: number;
  leaseMs: number;
  heartbeatMs: number;
  pollIntervalMs: number;
  retry: { initialDelayMs: number; maxDelayMs: number };
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(
      `Invalid config: ${key} must be a positive number, got ${value}`,
    );
  }
  return value;
}

/** Reads `planner.*`; wrong values stop start-up with the key named. */
export function readWorkerSettings(config: Config): WorkerSettings {
  const settings: WorkerSettings = {
    enabled: config.getOptionalBoolean('planner.worker.enabled') ?? true,
    concurrency: Math.floor(positive(config, 'planner.worker.concurrency', 16)),
    leaseMs: positive(config, 'planner.worker.leaseSeconds', 30) * 1000,
    heartbeatMs: positive(config, 'planner.worker.heartbeatSeconds', 5) * 1000,
    pollIntervalMs: positive(config, 'planner.worker.pollIntervalMs', 1000),
    retry: {
      initialDelayMs: positive(config, 'planner.retry.initialDelayMs', 1000),
      maxDelayMs: positive(config, 'planner.retry.maxDelayMs', 300_000),
    },
  };
  if (settings.heartbeatMs * 2 > settings.leaseMs) {
    throw new Error(
      'Invalid config: planner.worker.heartbeatSeconds must be at most half of planner.worker.leaseSeconds',
    );
  }
  return settings;
}
