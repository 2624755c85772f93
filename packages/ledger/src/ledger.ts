import { defaultPriceBook } from '@groqmeter/pricing';
import { ENV_CAPTURE_MESSAGE_CONTENT, resolveCaptureMessageContent } from '@groqmeter/recorder';
import { diag } from '@opentelemetry/api';
import { BatchWriter } from './batch-writer.js';
import { DroppedCounter } from './dropped-counter.js';
import { InvalidSpanError, LedgerOpenError, LedgerQueryError, messageOf } from './errors.js';
import { DEFAULT_ATTRIBUTION_COLUMNS, type EntryOptions, readLedgerEntry } from './ledger-entry.js';
import { querySpend } from './spend-query.js';
import { entryFromRow } from './store/ledger-columns.js';
import type { LedgerStore } from './store/ledger-store.js';
import { openStore } from './store/open-store.js';
import { LEDGER_TABLE } from './store/schema.js';
import type {
  Ledger,
  LedgerEntry,
  LedgerOptions,
  LedgerSpan,
  LedgerStats,
  OperationsQuery,
  SpendQuery,
  SpendReport,
} from './types.js';

/** Defaults of the {@link LedgerOptions} that tune writing. */
export const LEDGER_DEFAULTS = {
  maxQueueSize: 10_000,
  maxBatchSize: 500,
  flushIntervalMs: 1000,
  maxRetryDelayMs: 30_000,
  connectTimeoutMs: 10_000,
} as const;

const DEFAULT_OPERATIONS_LIMIT = 1000;
function positiveInteger(name: keyof typeof LEDGER_DEFAULTS, value: number | undefined): number {
  const resolved = value ?? LEDGER_DEFAULTS[name];
  if (!Number.isSafeInteger(resolved) || resolved < 1) {
    throw new LedgerOpenError(
      `${name} must be a whole number of at least 1, got ${String(value)}; leave it out for the default ${LEDGER_DEFAULTS[name]}`,
    );
  }
  return resolved;
}

class OpenLedger implements Ledger {
  readonly database: string;
  /** Set by the first `close()`; later calls wait for the same close. */
  private closing: Promise<void> | undefined;

  constructor(
    private readonly store: LedgerStore,
    private readonly writer: BatchWriter,
    private readonly dropped: DroppedCounter,
    private readonly entryOptions: EntryOptions,
  ) {
    this.database = store.database;
  }

  entryOf(span: LedgerSpan): LedgerEntry | undefined {
    return readLedgerEntry(span, this.entryOptions);
  }

  recordSpan(span: LedgerSpan): boolean {
    try {
      const entry = this.entryOf(span);
      return entry !== undefined && this.writer.offer(entry);
    } catch (error) {
      if (error instanceof InvalidSpanError) {
        this.dropped.add('ledger_invalid_span');
        diag.warn(`groqmeter ledger: span ${span.spanId} not recorded: ${error.message}`);
      } else {
        diag.error('groqmeter ledger: could not record a span', error);
      }
      return false;
    }
  }

  record(entry: LedgerEntry): boolean {
    return this.writer.offer(entry);
  }

  offerAll(entries: readonly LedgerEntry[]): boolean {
    return this.writer.offerAll(entries);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    this.closing ??= this.writer.close().then(async () => {
      try {
        await this.store.close();
      } catch (error) {
        diag.warn(`groqmeter ledger: closing ${this.database} failed: ${messageOf(error)}`);
      }
    });
    return this.closing;
  }

  stats(): LedgerStats {
    return {
      queued: this.writer.queued,
      written: this.writer.written,
      dropped: this.dropped.snapshot(),
      lastError: this.writer.lastError,
    };
  }

  spendBy(query: SpendQuery): Promise<SpendReport> {
    return querySpend(this.store, query, this.entryOptions.priceBook);
  }

  async operations(query: OperationsQuery): Promise<LedgerEntry[]> {
    const limit = query.limit ?? DEFAULT_OPERATIONS_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new LedgerQueryError(`"limit" must be a whole number of at least 1, got ${limit}`);
    }
    const { sql } = this.store;
    const rows = await this.store.query(
      `SELECT * FROM ${LEDGER_TABLE} WHERE start_time >= ${sql.param(1)} AND start_time < ${sql.param(2)} ORDER BY start_time, id LIMIT ${sql.param(3)}`,
      [query.from.toISOString(), query.to.toISOString(), limit],
    );
    return rows.map(entryFromRow);
  }
}

/**
 * Opens a ledger: connects to (or creates) the database, creates or migrates its schema, and
 * starts the background writer. Plug it in with `new LedgerSpanProcessor(ledger)`, or mount
 * `createLedgerTraceSink(ledger)` on an OTLP receiver; close it on shutdown so that queued rows
 * are written.
 *
 * @example
 * const ledger = await openLedger({ db: 'sqlite:./groq-ledger.db' });
 *
 * @throws {LedgerOpenError} when the location is not a database URL or path, the file cannot be
 *   created or written, the server cannot be reached, or an option is out of range.
 */
export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  if (typeof options?.db !== 'string') {
    throw new LedgerOpenError(
      'openLedger needs { db }: sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    );
  }
  const writerOptions = {
    maxQueueSize: positiveInteger('maxQueueSize', options.maxQueueSize),
    maxBatchSize: positiveInteger('maxBatchSize', options.maxBatchSize),
    flushIntervalMs: positiveInteger('flushIntervalMs', options.flushIntervalMs),
    maxRetryDelayMs: positiveInteger('maxRetryDelayMs', options.maxRetryDelayMs),
  };
  let lastIdleError: string | undefined;
  const store = await openStore(options.db, {
    create: options.create ?? true,
    connectTimeoutMs: positiveInteger('connectTimeoutMs', options.connectTimeoutMs),
    onIdleError: (error) => {
      // The pool replaces the connection; the next write reports the outage if there is one.
      if (error.message !== lastIdleError)
        diag.warn(`groqmeter ledger: database connection lost: ${error.message}`);
      lastIdleError = error.message;
    },
  });
  const dropped = new DroppedCounter(options.meterProvider);
  return new OpenLedger(store, new BatchWriter(store, writerOptions, dropped), dropped, {
    priceBook: options.priceBook ?? defaultPriceBook,
    baselines: options.baselines ?? {},
    captureMessageContent: resolveCaptureMessageContent(
      options.captureMessageContent,
      process.env[ENV_CAPTURE_MESSAGE_CONTENT],
    ),
    attributionColumns: { ...DEFAULT_ATTRIBUTION_COLUMNS, ...options.attributionColumns },
  });
}
