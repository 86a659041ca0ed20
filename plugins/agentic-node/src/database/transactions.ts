import { Knex } from 'knex';

/** Deadlocks and serialization failures are resolved by running the transaction again. */
function isTransient(error: any): boolean {
  const code = error?.code;
  return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
}

/**
 * Runs `fn` in a transaction, again (a few times, after a short random pause)
 * when the database aborted it to break a deadlock between replicas.
 */
export async function inTransaction<T>(
  knex: Knex,
  fn: (trx: Knex.Transaction) => Promise<T>,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await knex.transaction(fn);
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) {
        throw error;
      }
      await new Promise(r => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

export const isPostgres = (knex: Knex) =>
  knex.client.config.client === 'pg' ||
  knex.client.config.client === 'postgres' ||
  knex.client.config.client === 'postgresql';

export function isUniqueViolation(error: any): boolean {
  const code = error?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(String(error?.message))
  );
}
