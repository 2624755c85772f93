/**
 * Public types of the ledger: one row per Groq operation, the options to open a ledger, and the
 * query API.
 */

import type { BaselineOperation, Money, PriceBook } from '@groqmeter/pricing';
import type { Attributes, MeterProvider } from '@opentelemetry/api';

/**
 * How an operation's cost was arrived at (`groq.cost.pricing`): `exact`, `partial` (the known
 * parts priced, others not: see {@link LedgerEntry.partialReasons}), `stale` (priced at the last
 * known price of a model past its catalogue date), `unpriced` (usage but no price), or
 * `usage_missing` (a billable operation whose usage never arrived). Never a $0 cost.
 */
export type LedgerPricing = 'exact' | 'partial' | 'stale' | 'unpriced' | 'usage_missing';

/** How an operation ended: `error` when the span has `error.type`, `abandoned` when the consumer stopped early. */
export type LedgerOutcome = 'success' | 'error' | 'abandoned';

/**
 * One Groq operation, as stored in the `groq_operations` table (column names are the snake_case
 * of these fields). `null` means the span did not carry the fact.
 */
export interface LedgerEntry {
  /** Hex trace id of the operation's span; with {@link LedgerEntry.spanId} it identifies the row. */
  traceId: string;
  spanId: string;
  /** When the operation started, to the millisecond. */
  startTime: Date;
  durationSeconds: number;
  /** `gen_ai.operation.name`: `chat`, `transcription`, `speech`, … */
  operation: string;
  /** Who served it: `gen_ai.provider.name` (`groq`, `openai`). */
  provider: string;
  /**
   * The operation as teams report it (`groqmeter.operation.type`): `chat`, `vision`,
   * `transcription`, `translation`, `speech`, `embedding`, `assistant`, `batch`, `models`.
   */
  operationType: string;
  /** `groqmeter.source`: the SDK the call went through (`groq-sdk`, `langchain`, `ai-sdk`). */
  source: string;
  /** `service.name` of the app that made the call. */
  serviceName: string | null;
  requestModel: string | null;
  responseModel: string | null;
  /** Prompt tokens, cached ones included (`gen_ai.usage.input_tokens`). */
  inputTokens: number | null;
  cachedInputTokens: number | null;
  /** Completion tokens, reasoning included (`gen_ai.usage.output_tokens`). */
  outputTokens: number | null;
  reasoningTokens: number | null;
  /** Transcribed audio in seconds, before Groq's 10 s minimum (`groq.usage.audio_seconds`, see the README). */
  audioSeconds: number | null;
  /** Text-to-speech input characters (`groq.usage.characters`). */
  characters: number | null;
  /** Built-in tool calls (`groq.usage.tool_calls`). */
  toolCalls: number | null;
  /**
   * `true` when the operation was priced, `false` when it had usage but no known price (unknown
   * model), `null` when there was nothing to price (no usage, e.g. a failed call).
   */
  costKnown: boolean | null;
  /**
   * How the cost was arrived at; `null` for operations that bill nothing themselves (creating a
   * batch, listing models) and failed calls without usage.
   */
  pricing: LedgerPricing | null;
  /** `groq.cost.partial`: some parts of the operation could not be priced (the cost is a lower bound). */
  costPartial: boolean;
  /** `groq.cost.partial_reasons`: why, e.g. `code_execution_duration_unknown`. */
  partialReasons: string[] | null;
  /** `groq.cost.stale`: priced at the last known price of a model past its catalogue date. */
  costStale: boolean;
  /** The cost in the pricing engine's integer unit (`QUANTA_PER_USD` quanta per USD). */
  costQuanta: Money | null;
  /** The cost as a decimal USD string with 12 decimals. */
  costUsd: string | null;
  /**
   * Whether {@link LedgerEntry.costQuanta} is the exact cost (`true`) or the span's 12-decimal
   * `groq.cost.usd` converted, which can be off by less than 0.5 × 10⁻¹² USD (`false`).
   */
  costExact: boolean | null;
  /** The model {@link LedgerEntry.baselineCostQuanta} was priced on (e.g. `gpt-4o`), when known. */
  baselineModel: string | null;
  baselineCostQuanta: Money | null;
  baselineCostUsd: string | null;
  /** Time to first chunk of a streamed operation, in seconds. */
  ttftSeconds: number | null;
  outcome: LedgerOutcome;
  /** `error.type` of a failed operation (`RateLimitError`, `rate_limit_exceeded`, …). */
  errorType: string | null;
  /** Groq's request id (`x_groq.id`). */
  requestId: string | null;
  serviceTier: string | null;
  batch: boolean;
  /** The Groq batch the operation ran in (`groq.batch.id`), for rows metered from a batch's output file. */
  batchId: string | null;
  /** Attribution columns (see {@link AttributionColumns}). */
  userId: string | null;
  feature: string | null;
  platform: string | null;
  tenant: string | null;
  /** The app's function that made the call (attribution `function_name` by default). */
  functionName: string | null;
  /** Every attribution attribute of the span (all keys, whatever their cardinality). */
  attributes: Record<string, string | number | boolean>;
  /**
   * Message content attributes (`gen_ai.input.messages`, …) as the span carried them; only when
   * the ledger captures content, else `null`.
   */
  content: Record<string, string> | null;
}

/** Which span attribute fills each attribution column. */
export interface AttributionColumns {
  /** Default `user.id`. */
  userId: string;
  /** Default `feature`. */
  feature: string;
  /** Default `platform`. */
  platform: string;
  /** Default `tenant`. */
  tenant: string;
  /** Default `function_name`. */
  functionName: string;
}

/**
 * A finished span, in the shape both the in-process span processor and the OTLP sink hand over.
 * Only spans with `gen_ai.provider.name` `groq` or `openai` and a `groqmeter.source` become rows.
 */
export interface LedgerSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  resourceAttributes: Attributes;
}

/** Why rows were not written; `groqmeter_dropped_total{reason}` uses the same values. */
export type LedgerDropReason =
  /** The write queue was at its bound (the database is slow or unreachable). */
  | 'ledger_queue_full'
  /** A groqmeter span whose attributes had the wrong types. */
  | 'ledger_invalid_span'
  /** The database refused the row itself while accepting others. */
  | 'ledger_rejected'
  /** Rows recorded after `close()`, or still queued when `close()` could not write them. */
  | 'ledger_closed';

/** What the ledger has done so far, for the app to read or export. */
export interface LedgerStats {
  /** Rows waiting to be written. */
  queued: number;
  /** Rows written (including rows the database already had: writes are idempotent). */
  written: number;
  dropped: Record<LedgerDropReason, number>;
  /** The last write failure, if the last write failed (cleared by the next successful write). */
  lastError: string | undefined;
}

/** Options of {@link openLedger}. */
export interface LedgerOptions {
  /**
   * Where the ledger lives: `sqlite:PATH` (or a bare file path) for an embedded SQLite file in WAL
   * mode, `sqlite::memory:` for a throwaway one, or `postgres://USER:PASSWORD@HOST:PORT/DATABASE`
   * (`postgresql://` too) for PostgreSQL.
   */
  db: string;
  /**
   * Create the SQLite file and create or migrate the schema (default `true`). `false` opens an
   * existing ledger as it is, e.g. for queries, and fails when there is none.
   */
  create?: boolean;
  /** Rows held in memory while the database is slow or down; beyond it rows are dropped and counted (default 10 000). */
  maxQueueSize?: number;
  /** Rows per INSERT (default 500). */
  maxBatchSize?: number;
  /** How long a row may wait before it is written (default 1000 ms). */
  flushIntervalMs?: number;
  /** Longest wait between retries while the database is failing; retries back off from `flushIntervalMs` (default 30 000 ms). */
  maxRetryDelayMs?: number;
  /** PostgreSQL: how long to wait for a connection (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** The prices the app's recorder uses (default `defaultPriceBook`), to derive exact costs. */
  priceBook?: PriceBook;
  /** The baseline models the app's recorder uses, per operation (default: the price book's). */
  baselines?: Partial<Record<BaselineOperation, string>>;
  /** Store message content when spans carry it; defaults to `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`. */
  captureMessageContent?: boolean;
  /** Which span attributes fill the attribution columns. */
  attributionColumns?: Partial<AttributionColumns>;
  /** Where `groqmeter.dropped` is counted (default: the global meter provider). */
  meterProvider?: MeterProvider;
}

/** What spend can be grouped by. `model` is the requested model (else the response model); `day` is the UTC day. */
export type SpendDimension =
  | 'user'
  | 'feature'
  | 'platform'
  | 'tenant'
  | 'function_name'
  | 'provider'
  | 'model'
  | 'operation'
  | 'operation_type'
  | 'day';

/** A spend query over `[from, to)`. */
export interface SpendQuery {
  by: SpendDimension;
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Keep the N most expensive groups. */
  top?: number;
  /**
   * Price every operation's usage on this model instead of reading the baseline cost recorded
   * with it (e.g. `gpt-4o`, `gpt-4.1-mini`).
   */
  baselineModel?: string;
}

/** Totals of one group (or of all groups). */
export interface SpendTotals {
  operations: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costQuanta: Money;
  /** 12 decimals. */
  costUsd: string;
  /** Operations with usage but no known price: not in the cost, whose cost is unknown (never $0). */
  unpricedOperations: number;
  /** Billable operations whose usage never arrived: not in the cost, cost unknown. */
  usageMissingOperations: number;
  /** Operations priced in part (their known parts are in the cost, the rest is unknown). */
  partialOperations: number;
  /** The known cost of the partial operations (included in {@link SpendTotals.costQuanta}). */
  partialCostQuanta: Money;
  /** Operations priced at the last known price of a model past its catalogue date. */
  staleOperations: number;
  /** Their cost (included in {@link SpendTotals.costQuanta}). */
  staleCostQuanta: Money;
  baselineCostQuanta: Money;
  baselineCostUsd: string;
  /** Priced operations that have no baseline cost (no baseline for the operation or the usage). */
  baselineUnpricedOperations: number;
}

/** One group of a {@link SpendReport}. */
export interface SpendRow extends SpendTotals {
  /** The user, feature, … or UTC day (`YYYY-MM-DD`); `null` for operations without one. */
  key: string | null;
}

/** The answer to a {@link SpendQuery}. */
export interface SpendReport {
  by: SpendDimension;
  from: Date;
  to: Date;
  /** The model baselines were priced on, or `null` when they are the costs recorded with each operation. */
  baselineModel: string | null;
  /** Most expensive first (ties by key); `day` reports are in day order. */
  rows: SpendRow[];
  /** How many groups there were before `top`. */
  groups: number;
  /** Over every group, not only the rows shown. */
  total: SpendTotals;
}

/** Operations in `[from, to)`, oldest first. */
export interface OperationsQuery {
  from: Date;
  to: Date;
  /** Default 1000. */
  limit?: number;
}

/** A usage ledger: records rows in the background and answers spend queries. */
export interface Ledger {
  /** Where the ledger is, without any password (`sqlite:/var/lib/app/ledger.db`, `postgres://app@db:5432/ledger`). */
  readonly database: string;
  /**
   * The row a span becomes, or `undefined` for a span that is not a groqmeter operation.
   *
   * @throws {InvalidSpanError} when a groqmeter span carries an attribute of the wrong type.
   */
  entryOf(span: LedgerSpan): LedgerEntry | undefined;
  /** Queue the row of a span; never throws. `false` when no row was queued (not a groqmeter span, invalid, or dropped). */
  recordSpan(span: LedgerSpan): boolean;
  /** Queue one row; never throws. `false` when it was dropped (counted). */
  record(entry: LedgerEntry): boolean;
  /** Queue every row or none (`false`, nothing counted): for callers that can ask their sender to retry. */
  offerAll(entries: readonly LedgerEntry[]): boolean;
  /**
   * Write every queued row now.
   *
   * @throws {LedgerWriteError} when the database fails; the rows stay queued.
   */
  flush(): Promise<void>;
  /** Write what is queued (rows that cannot be written are counted as `ledger_closed`) and close the database. Never throws. */
  close(): Promise<void>;
  stats(): LedgerStats;
  spendBy(query: SpendQuery): Promise<SpendReport>;
  operations(query: OperationsQuery): Promise<LedgerEntry[]>;
}
