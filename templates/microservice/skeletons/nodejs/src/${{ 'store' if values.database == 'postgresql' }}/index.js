'use strict';

// Where the service keeps its items: the table `items` of the PostgreSQL
// database at DATABASE_URL.

const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');

const COLUMNS = 'id, name, description';

class PostgresItemStore {
  constructor(pool) {
    this.pool = pool;
  }

  /** Creates the table when it is missing (a fresh database). */
  async init() {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Replicas starting together would race on CREATE TABLE IF NOT EXISTS,
      // which is not atomic in PostgreSQL: a lock takes them one by one.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('items'))");
      await client.query(`CREATE TABLE IF NOT EXISTS items (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async list() {
    const { rows } = await this.pool.query(
      `SELECT ${COLUMNS} FROM items ORDER BY created_at, id`,
    );
    return rows;
  }

  async get(id) {
    const { rows } = await this.pool.query(
      `SELECT ${COLUMNS} FROM items WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async create({ name, description }) {
    const { rows } = await this.pool.query(
      `INSERT INTO items (id, name, description) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
      [randomUUID(), name, description],
    );
    return rows[0];
  }

  async update(id, { name, description }) {
    const { rows } = await this.pool.query(
      `UPDATE items SET name = $2, description = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, name, description],
    );
    return rows[0] ?? null;
  }

  async remove(id) {
    const { rowCount } = await this.pool.query(
      'DELETE FROM items WHERE id = $1',
      [id],
    );
    return rowCount > 0;
  }

  async close() {
    await this.pool.end();
  }
}

/** The store of the database at DATABASE_URL (postgresql://…). */
function storeFromEnv(env) {
  if (!env.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set: the service keeps its items in PostgreSQL (postgresql://host:5432/database, credentials in the URL or PGUSER and PGPASSWORD)',
    );
  }
  const pool = new Pool({ connectionString: env.DATABASE_URL });
  // A connection the server drops while idle is replaced on the next query;
  // without a listener, the pool's error event would end the process.
  pool.on('error', error => {
    console.error(`PostgreSQL connection lost: ${error.message}`);
  });
  return new PostgresItemStore(pool);
}

module.exports = { PostgresItemStore, storeFromEnv };
