import type { LedgerEntry } from '../types.js';

/** The SQL that differs between SQLite and PostgreSQL. */
export interface SqlDialect {
  /** The placeholder of the `index`-th parameter, from 1 (`?` or `$1`). */
  param(index: number): string;
  /** The UTC day (`YYYY-MM-DD`) of a timestamp column. */
  day(column: string): string;
  /** The exact sum of a quanta column, as text; `'0'` for no rows. */
  sumQuanta(column: string): string;
}

/** An open database holding a ledger of the current schema. Rows are written with `ON CONFLICT DO NOTHING`, so writes are idempotent. */
export interface LedgerStore {
  /** Where it is, without any password. */
  readonly database: string;
  readonly sql: SqlDialect;
  insert(entries: readonly LedgerEntry[]): Promise<void>;
  query(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Whether the database answers at all (tells a refused row from an unreachable database). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
