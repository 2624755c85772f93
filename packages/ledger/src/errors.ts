/** The ledger could not be opened: bad URL, unwritable path, unreachable or foreign database. */
export class LedgerOpenError extends Error {
  override readonly name = 'LedgerOpenError';
}

/** The database failed while writing rows; they stay queued and are retried. */
export class LedgerWriteError extends Error {
  override readonly name = 'LedgerWriteError';
}

/**
 * The database cannot take writes for now (SQLite: locked by another process, disk full, an I/O
 * error), though it may still answer reads: the rows are not at fault, they stay queued and are
 * retried.
 */
export class LedgerUnavailableError extends Error {
  override readonly name = 'LedgerUnavailableError';
}

/** A query the ledger cannot answer as asked (an empty time range, an unknown baseline model). */
export class LedgerQueryError extends Error {
  override readonly name = 'LedgerQueryError';
}

/** A groqmeter span whose attributes do not have the types the recorder gives them. */
export class InvalidSpanError extends Error {
  override readonly name = 'InvalidSpanError';
}

/** The message of anything thrown, for error texts and `stats().lastError`. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
