import { diag } from '@opentelemetry/api';
import type { DroppedCounter } from './dropped-counter.js';
import { LedgerUnavailableError, LedgerWriteError, messageOf } from './errors.js';
import type { LedgerStore } from './store/ledger-store.js';
import type { LedgerEntry } from './types.js';

/** How rows are batched and retried. */
export interface BatchWriterOptions {
  maxQueueSize: number;
  maxBatchSize: number;
  flushIntervalMs: number;
  maxRetryDelayMs: number;
}

/**
 * A bounded queue of rows written in batches in the background. Queuing never waits and never
 * throws: a full queue drops the row and counts it. While the database fails, rows stay queued and
 * writes are retried with exponential backoff; a batch the database refuses while it still
 * answers is written row by row, and only the rows it refuses are dropped.
 */
export class BatchWriter {
  private readonly queue: LedgerEntry[] = [];
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = 0;
  private failures = 0;
  private closed = false;
  private writtenRows = 0;
  private lastFailure: string | undefined;

  constructor(
    private readonly store: Pick<LedgerStore, 'database' | 'insert' | 'ping'>,
    private readonly options: BatchWriterOptions,
    private readonly dropped: DroppedCounter,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  get written(): number {
    return this.writtenRows;
  }

  get lastError(): string | undefined {
    return this.lastFailure;
  }

  /** Queue a row; `false` (and counted) when the queue is full or the writer closed. */
  offer(entry: LedgerEntry): boolean {
    if (this.closed) {
      this.dropped.add('ledger_closed');
      return false;
    }
    if (this.queue.length >= this.options.maxQueueSize) {
      this.dropped.add('ledger_queue_full');
      return false;
    }
    this.queue.push(entry);
    this.schedule();
    return true;
  }

  /** Queue every row or none; a refusal is not counted (the caller asks its sender to retry). */
  offerAll(entries: readonly LedgerEntry[]): boolean {
    if (this.closed || this.queue.length + entries.length > this.options.maxQueueSize) return false;
    this.queue.push(...entries);
    if (entries.length > 0) this.schedule();
    return true;
  }

  /**
   * Write every queued row.
   *
   * @throws {LedgerWriteError} when the database fails; the rows stay queued.
   */
  async flush(): Promise<void> {
    while (this.queue.length > 0) await this.drain();
  }

  /** Write what is queued, once; rows that cannot be written are counted as `ledger_closed`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clearTimer();
    try {
      await this.flush();
    } catch (error) {
      const lost = this.queue.length;
      this.queue.length = 0;
      this.dropped.add('ledger_closed', lost);
      diag.error(`groqmeter ledger: ${lost} rows were not written before closing: ${messageOf(error)}`);
    }
  }

  /** Plan the next write: soon when a batch is full, after the flush interval, or after the backoff while failing. */
  private schedule(): void {
    if (this.closed || this.writing !== undefined || this.queue.length === 0) return;
    const delay =
      this.failures > 0
        ? Math.min(this.options.flushIntervalMs * 2 ** (this.failures - 1), this.options.maxRetryDelayMs)
        : this.queue.length >= this.options.maxBatchSize
          ? 0
          : this.options.flushIntervalMs;
    const due = Date.now() + delay;
    if (this.timer !== undefined && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain().catch((error: unknown) => diag.debug('groqmeter ledger: write failed', error));
    }, delay);
    // Queued rows must not keep the app alive; close() writes them on shutdown.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The write in progress, or a new one of everything queued. */
  private drain(): Promise<void> {
    this.writing ??= this.writeQueued().finally(() => {
      this.writing = undefined;
      this.schedule();
    });
    return this.writing;
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.maxBatchSize);
      try {
        await this.store.insert(batch);
        this.queue.splice(0, batch.length);
        this.writtenRows += batch.length;
      } catch (error) {
        await this.failedBatch(batch.length, error);
      }
      this.failures = 0;
      this.lastFailure = undefined;
    }
  }

  /**
   * A batch failed: retry later if the database is away or cannot write for now (locked, full),
   * else find and drop the rows it refuses.
   */
  private async failedBatch(size: number, error: unknown): Promise<void> {
    if (!(await this.canWrite(error))) throw this.writeFailure(size, error);
    for (let index = 0; index < size; index += 1) {
      const row = this.queue[0]!;
      try {
        await this.store.insert([row]);
        this.writtenRows += 1;
      } catch (rowError) {
        if (!(await this.canWrite(rowError))) throw this.writeFailure(size - index, rowError);
        this.dropped.add('ledger_rejected');
        diag.warn(`groqmeter ledger: ${this.store.database} refused a row: ${messageOf(rowError)}`);
      }
      this.queue.shift();
    }
  }

  /** Whether a failed write was the rows' fault: the database answers and is not merely unable to write for now. */
  private async canWrite(error: unknown): Promise<boolean> {
    return !(error instanceof LedgerUnavailableError) && (await this.store.ping());
  }

  private writeFailure(rows: number, error: unknown): LedgerWriteError {
    this.failures += 1;
    this.lastFailure = messageOf(error);
    return new LedgerWriteError(
      `cannot write ${rows} rows to the ledger ${this.store.database}: ${this.lastFailure}; they stay queued (${this.queue.length} rows) and are retried`,
      { cause: error },
    );
  }
}
