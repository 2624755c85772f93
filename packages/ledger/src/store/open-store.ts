import { LedgerOpenError } from '../errors.js';
import type { LedgerStore } from './ledger-store.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';

const SQLITE_PREFIX = 'sqlite:';
const URL_WITH_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
const POSTGRES_SCHEMES = new Set(['postgres', 'postgresql']);
const EXPECTED = 'expected sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE';

/** How to open a store besides its location. */
export interface StoreOptions {
  create: boolean;
  connectTimeoutMs: number;
  onIdleError(error: Error): void;
}

/**
 * Opens the store a `--db` value names: `sqlite:PATH` or a bare path for SQLite,
 * `postgres://…` or `postgresql://…` for PostgreSQL.
 *
 * @throws {LedgerOpenError} for any other value, and when the database cannot be opened.
 */
export async function openStore(db: string, options: StoreOptions): Promise<LedgerStore> {
  const location = db.trim();
  if (location === '') throw new LedgerOpenError(`the ledger database is empty; ${EXPECTED}`);
  if (location.startsWith(SQLITE_PREFIX)) {
    const path = location.slice(SQLITE_PREFIX.length);
    if (path === '')
      throw new LedgerOpenError(`"sqlite:" names no file; ${EXPECTED}, e.g. sqlite:./groq-ledger.db`);
    return openSqliteStore(path, options.create);
  }
  const scheme = URL_WITH_SCHEME.exec(location)?.[1]?.toLowerCase();
  if (scheme === undefined) return openSqliteStore(location, options.create);
  if (!POSTGRES_SCHEMES.has(scheme)) {
    throw new LedgerOpenError(`unsupported ledger database scheme "${scheme}://"; ${EXPECTED}`);
  }
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new LedgerOpenError(
      `the PostgreSQL URL is malformed (it is not printed: it may hold a password); ${EXPECTED}`,
    );
  }
  if (url.hostname === '') {
    throw new LedgerOpenError(`the PostgreSQL URL names no host; ${EXPECTED}`);
  }
  return openPostgresStore(url, options);
}
