import { randomInt } from 'node:crypto';
import { runCommand } from './runCommand';

/** The PostgreSQL server the tests create their databases on. */
export const POSTGRES_SERVER_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:42019/postgres';

/** Runs SQL with psql; resolves with its unaligned output, throws on an error. */
export async function psql(url: string, sql: string): Promise<string> {
  const result = await runCommand('psql', [
    url,
    '--no-psqlrc',
    '--set=ON_ERROR_STOP=1',
    '--no-align',
    '--tuples-only',
    '--quiet',
    '--command',
    sql,
  ]);
  if (result.code !== 0) {
    throw new Error(`psql failed on ${sql}: ${result.output}`);
  }
  return result.stdout.trim();
}

export type ThrowawayDatabase = {
  name: string;
  /** The database's URL; sslmode=disable, as the test server has no TLS. */
  url: string;
  /** Drops the database, closing what is still connected to it. */
  drop(): Promise<void>;
};

/** A new, empty database on the test server, named `<prefix>_…`. */
export async function createThrowawayDatabase(
  prefix: string,
): Promise<ThrowawayDatabase> {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) {
    throw new Error(
      `database prefix ${JSON.stringify(
        prefix,
      )} must be lower case letters, digits and _ (at most 31)`,
    );
  }
  const name = `${prefix}_${process.pid}_${Date.now()}_${randomInt(1e6)}`;
  await psql(POSTGRES_SERVER_URL, `CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_SERVER_URL);
  url.pathname = `/${name}`;
  // lib/pq (Go) requires TLS unless told otherwise; the others accept it too.
  url.searchParams.set('sslmode', 'disable');
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await psql(
        POSTGRES_SERVER_URL,
        `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
      );
    },
  };
}
