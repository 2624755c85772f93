/**
 * @groqmeter/ledger: one row per Groq operation (tokens, exact cost, baseline cost, user, feature,
 * request id) in SQLite or PostgreSQL, filled from groqmeter spans, with spend queries.
 */
export { InvalidSpanError, LedgerOpenError, LedgerQueryError, LedgerWriteError } from './errors.js';
export { LEDGER_DEFAULTS, openLedger } from './ledger.js';
export { DEFAULT_ATTRIBUTION_COLUMNS, isGroqmeterSpan } from './ledger-entry.js';
export { LedgerSpanProcessor, ledgerSpanOf, type ReadableSpanLike } from './span-processor.js';
export { SPEND_DIMENSIONS } from './spend-query.js';
export { LEDGER_TABLE, MIGRATIONS_TABLE, SCHEMA_VERSION } from './store/schema.js';
export {
  createLedgerTraceSink,
  DEFAULT_MAX_TRACE_BODY_BYTES,
  type LedgerTraceSink,
  type LedgerTraceSinkOptions,
  type TraceSinkResponse,
} from './trace-sink.js';
export type * from './types.js';
