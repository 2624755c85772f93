import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerOpenError, LedgerUnavailableError, messageOf } from '../errors.js';
import type { LedgerEntry } from '../types.js';
import {
  entryParameters,
  LEDGER_COLUMN_LIST,
  LEDGER_COLUMNS,
  type ParameterEncoding,
} from './ledger-columns.js';
import type { LedgerStore, SqlDialect } from './ledger-store.js';
import { checkSchemaVersion, LEDGER_TABLE, MIGRATIONS_TABLE, pendingMigrations } from './schema.js';

/** The in-memory database name of SQLite. */
const SQLITE_MEMORY = ':memory:';

/** SQLite has no int128: quanta are stored as text and summed exactly by this aggregate. */
const SUM_QUANTA_FUNCTION = 'groqmeter_sum_quanta';

const SQLITE_DIALECT: SqlDialect = {
  param: () => '?',
  // start_time is ISO-8601 UTC text (`2026-11-21T10:00:00.000Z`).
  day: (column) => `substr(${column}, 1, 10)`,
  sumQuanta: (column) => `${SUM_QUANTA_FUNCTION}(${column})`,
};

const SQLITE_ENCODING: ParameterEncoding = {
  boolean: (value) => (value ? 1 : 0),
  usd: (value) => Number(value),
  text: (value) => value,
  json: (value) => JSON.stringify(value),
};

const OPEN_HINTS: Record<string, string> = {
  SQLITE_CANTOPEN: 'expected a writable file in an existing directory',
  SQLITE_READONLY:
    'the file and its directory must be writable (WAL mode writes a -wal and a -shm file next to it)',
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_CORRUPT: 'the file is not a valid SQLite database',
};

/**
 * SQLite result codes (primary, so every extended code too) that say the database cannot write
 * for now rather than that a row is wrong: another connection holds the lock, the disk is full,
 * an I/O error, a file turned read-only.
 */
const UNAVAILABLE_CODES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_READONLY',
  'SQLITE_CANTOPEN',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
];

/** Whether a SQLite error means "not now" (the rows stay queued) rather than "not this row". */
export function isSqliteUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    UNAVAILABLE_CODES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`))
  );
}

/**
 * How long a connection waits for another's lock when opening (two processes migrating one new
 * file take turns). Once open, writes never wait: better-sqlite3 is synchronous, so a wait would
 * freeze the event loop of the app or the exporter; a locked write fails at once and is retried.
 */
const OPEN_BUSY_TIMEOUT_MS = 5000;

function openFailure(database: string, error: unknown, create: boolean): LedgerOpenError {
  const code = (error as { code?: unknown }).code;
  const codeHint = typeof code === 'string' ? OPEN_HINTS[code] : undefined;
  const hint =
    !create && code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT'
      ? 'expected an existing ledger file (an app with openLedger creates it)'
      : (codeHint ?? 'expected a writable file in an existing directory');
  return new LedgerOpenError(
    `cannot open the SQLite ledger ${database}: ${messageOf(error)}; ${hint}. Pass another path, e.g. --db sqlite:./groq-ledger.db`,
    { cause: error },
  );
}

/** A ledger in a SQLite file (WAL mode, so that readers never wait for the writer). */
class SqliteStore implements LedgerStore {
  readonly sql = SQLITE_DIALECT;
  /** Prepared once the schema is known to exist. */
  private insertAll: ((entries: readonly LedgerEntry[]) => void) | undefined;

  constructor(
    private readonly db: Database.Database,
    readonly database: string,
  ) {}

  migrate(): void {
    const apply = this.db.transaction(() => {
      this.db.exec(
        `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
      );
      const recordMigration = this.db.prepare(
        `INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`,
      );
      for (const migration of pendingMigrations(this.appliedVersion() ?? 0, this.database)) {
        this.db.exec(migration.sqlite);
        recordMigration.run(migration.version, migration.name, new Date().toISOString());
      }
    });
    // IMMEDIATE: two processes opening the same new file migrate one after the other.
    apply.immediate();
  }

  checkSchema(): void {
    checkSchemaVersion(this.appliedVersion(), this.database);
  }

  async insert(entries: readonly LedgerEntry[]): Promise<void> {
    if (this.insertAll === undefined) {
      const insertRow = this.db.prepare(
        `INSERT INTO ${LEDGER_TABLE} (${LEDGER_COLUMN_LIST}) VALUES (${LEDGER_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (trace_id, span_id) DO NOTHING`,
      );
      this.insertAll = this.db.transaction((rows: readonly LedgerEntry[]) => {
        for (const row of rows) insertRow.run(entryParameters(row, SQLITE_ENCODING));
      });
    }
    try {
      this.insertAll(entries);
    } catch (error) {
      if (isSqliteUnavailable(error)) throw new LedgerUnavailableError(messageOf(error), { cause: error });
      throw error;
    }
  }

  async query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    return this.db.prepare(sql).all(...params) as Record<string, unknown>[];
  }

  async ping(): Promise<boolean> {
    try {
      this.db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** The highest applied migration, or `undefined` when the database has no migrations table. */
  private appliedVersion(): number | undefined {
    const table = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`)
      .get(MIGRATIONS_TABLE);
    if (table === undefined) return undefined;
    const row = this.db.prepare(`SELECT MAX(version) AS version FROM ${MIGRATIONS_TABLE}`).get() as {
      version: number | null;
    };
    return row.version ?? 0;
  }
}

/**
 * Opens a SQLite ledger file in WAL mode. With `create`, creates the file and creates or migrates
 * the schema; without, checks that the file holds a ledger of the current schema.
 *
 * @throws {LedgerOpenError} when the file cannot be opened or written (a missing or read-only
 *   directory) or holds no ledger of this version.
 */
export function openSqliteStore(path: string, create: boolean): LedgerStore {
  const database = `sqlite:${path === SQLITE_MEMORY ? path : resolve(path)}`;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: !create && path !== SQLITE_MEMORY });
    if (create) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    db.aggregate(SUM_QUANTA_FUNCTION, {
      start: () => 0n,
      step: (total: bigint, value: unknown) =>
        value === null || value === undefined ? total : total + BigInt(value as string),
      result: (total: bigint) => total.toString(),
    });
    const store = new SqliteStore(db, database);
    if (create) store.migrate();
    else store.checkSchema();
    // The writer's connection: from now on a lock never makes it wait (see OPEN_BUSY_TIMEOUT_MS).
    if (create) db.pragma('busy_timeout = 0');
    return store;
  } catch (error) {
    db?.close();
    if (error instanceof LedgerOpenError) throw error;
    throw openFailure(database, error, create);
  }
}
