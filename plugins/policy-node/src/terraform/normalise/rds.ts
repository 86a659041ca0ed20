import { ResourceInstance, boolSetting, setting } from './ResourceInstance';

/**
 * What AWS applies when the configuration leaves a setting out. Backups:
 * the provider's documented default for an instance is 0 days (none); a
 * cluster keeps 1 day.
 */
const DEFAULTS: Record<
  string,
  {
    storage_encrypted?: boolean;
    publicly_accessible?: boolean;
    backup_retention_period?: number;
  }
> = {
  aws_db_instance: {
    storage_encrypted: false,
    publicly_accessible: false,
    backup_retention_period: 0,
  },
  aws_rds_cluster: { storage_encrypted: false, backup_retention_period: 1 },
  aws_rds_cluster_instance: { publicly_accessible: false },
};

/**
 * `storage_encrypted`, `publicly_accessible` and `backup_retention_period`
 * as they take effect (bools and numbers, defaults filled in), and
 * `is_replica` of DB instances. An Aurora Serverless v1 cluster is always
 * encrypted.
 */
export function normaliseRds(instance: ResourceInstance): void {
  const defaults = DEFAULTS[instance.type];
  if (!defaults) return;
  const { values } = instance;
  if (defaults.storage_encrypted !== undefined) {
    const serverless = values.engine_mode === 'serverless';
    values.storage_encrypted = boolSetting(
      instance,
      ['storage_encrypted'],
      serverless || defaults.storage_encrypted,
    );
  }
  if (defaults.publicly_accessible !== undefined) {
    values.publicly_accessible = boolSetting(
      instance,
      ['publicly_accessible'],
      defaults.publicly_accessible,
    );
  }
  if (instance.type === 'aws_db_instance') {
    // A read replica (of a source known or not): its backups are the source's.
    const source = values.replicate_source_db;
    values.is_replica =
      source !== undefined && source !== null && source !== '';
  }
  if (defaults.backup_retention_period !== undefined) {
    const days = setting(
      instance,
      ['backup_retention_period'],
      defaults.backup_retention_period,
    );
    values.backup_retention_period =
      typeof days === 'string' &&
      days.trim() !== '' &&
      !Number.isNaN(Number(days))
        ? Number(days)
        : days;
  }
}
