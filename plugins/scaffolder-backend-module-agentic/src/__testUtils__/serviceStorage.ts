import { startDynalite } from './dynalite';
import type { ServiceDatabase } from './renderMicroservice';
import { createThrowawayDatabase } from './throwawayPostgres';

export type ServiceStorage = {
  /** What points the service at its storage (see serviceTestEnv). */
  env: Record<string, string>;
  /** Removes the storage. */
  stop(): Promise<void>;
};

/**
 * The real storage a generated service of `database` is tested against: a
 * throwaway PostgreSQL database, a dynalite, or none (it keeps its items in
 * memory).
 */
export async function startServiceStorage(
  database: ServiceDatabase,
): Promise<ServiceStorage> {
  switch (database) {
    case 'postgresql': {
      const postgres = await createThrowawayDatabase('generated_service');
      return { env: { DATABASE_URL: postgres.url }, stop: postgres.drop };
    }
    case 'dynamodb': {
      const dynamodb = await startDynalite();
      return {
        env: { DYNAMODB_ENDPOINT: dynamodb.endpoint },
        stop: dynamodb.stop,
      };
    }
    case 'none':
      return { env: {}, stop: async () => {} };
    default:
      throw new Error(`unknown database ${JSON.stringify(database)}`);
  }
}
