import pg from 'pg';
import { LedgerOpenError, messageOf } from '../errors.js';
import type { LedgerEntry } from '../types.js';
import { entryParameters, LEDGER_COLUMN_LIST, type ParameterEncoding } from './ledger-columns.js';
import type { LedgerStore, SqlDialect } from './ledger-store.js';
import { checkSchemaVersion, LEDGER_TABLE, MIGRATIONS_TABLE, pendingMigrations } from './schema.js';

/** Taken for the migration transaction, so that app instances starting together migrate one at a time. */
const MIGRATION_LOCK_KEY = 7_460_239_118;
/** A statement that takes longer than this fails (and its rows are retried), instead of holding the queue forever. */
const QUERY_TIMEOUT_MS = 60_000;
const POOL_SIZE = 4;

const POSTGRES_DIALECT: SqlDialect = {
  param: (index) => `$${index}`,
  day: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  sumQuanta: (column) => `COALESCE(SUM(${column}), 0)::text`,
};

/** PostgreSQL text cannot hold NUL characters (nor can jsonb strings): they are left out. */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

const POSTGRES_ENCODING: ParameterEncoding = {
  boolean: (value) => value,
  usd: (value) => value,
  text: withoutNul,
  json: (value) =>
    JSON.stringify(value, (_key, member: unknown) =>
      typeof member === 'string' ? withoutNul(member) : member,
    ),
};

/** `postgres://user@host:port/database`: the URL without password or query, safe to print. */
function describePostgresUrl(url: URL): string {
  const user = url.username === '' ? '' : `${decodeURIComponent(url.username)}@`;
  return `${url.protocol}//${user}${url.host}${url.pathname}`;
}

/** A ledger in PostgreSQL, written through a small connection pool. */
class PostgresStore implements LedgerStore {
  readonly sql = POSTGRES_DIALECT;

  constructor(
    private readonly pool: pg.Pool,
    readonly database: string,
  ) {}

  async migrate(): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      for (const migration of pendingMigrations((await this.appliedVersion(client)) ?? 0, this.database)) {
        await client.query(migration.postgres);
        await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name) VALUES ($1, $2)`, [
          migration.version,
          migration.name,
        ]);
      }
    });
  }

  async checkSchema(): Promise<void> {
    checkSchemaVersion(await this.appliedVersion(this.pool), this.database);
  }

  async insert(entries: readonly LedgerEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const params: unknown[] = [];
    const rows = entries.map((entry) => {
      const placeholders = entryParameters(entry, POSTGRES_ENCODING).map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await this.pool.query(
      `INSERT INTO ${LEDGER_TABLE} (${LEDGER_COLUMN_LIST}) VALUES ${rows.join(', ')} ON CONFLICT (trace_id, span_id) DO NOTHING`,
      params,
    );
  }

  async query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    return (await this.pool.query(sql, [...params])).rows as Record<string, unknown>[];
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async appliedVersion(client: pg.Pool | pg.PoolClient): Promise<number | undefined> {
    const table = await client.query('SELECT to_regclass($1) AS name', [MIGRATIONS_TABLE]);
    if (table.rows[0]?.name === null) return undefined;
    const result = await client.query(`SELECT MAX(version) AS version FROM ${MIGRATIONS_TABLE}`);
    return (result.rows[0]?.version as number | null) ?? 0;
  }

  private async inTransaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/**
 * Connects to a PostgreSQL ledger. With `create`, creates or migrates the schema; without, checks
 * that the database holds a ledger of the current schema.
 *
 * @param onIdleError told about errors of idle connections (e.g. the server restarting), which
 *   would otherwise crash the process.
 * @throws {LedgerOpenError} when the server cannot be reached, refuses the login, or the schema
 *   cannot be created.
 */
export async function openPostgresStore(
  url: URL,
  options: { create: boolean; connectTimeoutMs: number; onIdleError(error: Error): void },
): Promise<LedgerStore> {
  const database = describePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString: url.href,
    max: POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs,
    query_timeout: QUERY_TIMEOUT_MS,
    application_name: 'groqmeter-ledger',
  });
  pool.on('error', options.onIdleError);
  const store = new PostgresStore(pool, database);
  try {
    if (options.create) await store.migrate();
    else await store.checkSchema();
    return store;
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof LedgerOpenError) throw error;
    throw new LedgerOpenError(
      `cannot open the PostgreSQL ledger ${database}: ${messageOf(error)}; expected a reachable server and a database this user may create tables in (postgres://USER:PASSWORD@HOST:PORT/DATABASE)`,
      { cause: error },
    );
  }
}
