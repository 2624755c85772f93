import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchWriter, type BatchWriterOptions } from './batch-writer.js';
import { DroppedCounter } from './dropped-counter.js';
import { LedgerUnavailableError, LedgerWriteError } from './errors.js';
import type { LedgerEntry } from './types.js';

/** A row is all the writer needs to move; only the span id matters to these tests. */
function row(id: number): LedgerEntry {
  return { spanId: String(id) } as LedgerEntry;
}

/** A database that can be taken down, and can refuse particular rows while it is up. */
class FakeStore {
  readonly database = 'sqlite:/fake/ledger.db';
  readonly batches: string[][] = [];
  up = true;
  refused = new Set<string>();

  async insert(entries: readonly LedgerEntry[]): Promise<void> {
    if (!this.up) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    if (entries.some((entry) => this.refused.has(entry.spanId))) throw new Error('value too long');
    this.batches.push(entries.map((entry) => entry.spanId));
  }

  async ping(): Promise<boolean> {
    return this.up;
  }

  get rows(): string[] {
    return this.batches.flat();
  }
}

const OPTIONS: BatchWriterOptions = {
  maxQueueSize: 5,
  maxBatchSize: 2,
  flushIntervalMs: 1000,
  maxRetryDelayMs: 8000,
};

let store: FakeStore;
let dropped: DroppedCounter;
let writer: BatchWriter;

beforeEach(() => {
  vi.useFakeTimers();
  store = new FakeStore();
  dropped = new DroppedCounter(undefined);
  writer = new BatchWriter(store, OPTIONS, dropped);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BatchWriter', () => {
  it('writes after the flush interval, in batches of maxBatchSize', async () => {
    writer.offer(row(1));
    await vi.advanceTimersByTimeAsync(999);
    expect(store.batches).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.batches).toEqual([['1']]);
    for (const id of [2, 3, 4]) writer.offer(row(id));
    // A full batch is written at once, the rest with it.
    await vi.advanceTimersByTimeAsync(0);
    expect(store.batches).toEqual([['1'], ['2', '3'], ['4']]);
    expect([writer.queued, writer.written]).toEqual([0, 4]);
  });

  it('drops and counts rows beyond the queue bound while the database is down, then resumes', async () => {
    store.up = false;
    const accepted = [1, 2, 3, 4, 5, 6, 7].map((id) => writer.offer(row(id)));
    expect(accepted).toEqual([true, true, true, true, true, false, false]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writer.queued).toBe(5);
    expect(writer.lastError).toBe('connect ECONNREFUSED 127.0.0.1:5432');
    expect(dropped.snapshot()).toEqual({
      ledger_queue_full: 2,
      ledger_invalid_span: 0,
      ledger_rejected: 0,
      ledger_closed: 0,
    });
    await expect(writer.flush()).rejects.toThrow(
      new LedgerWriteError(
        'cannot write 2 rows to the ledger sqlite:/fake/ledger.db: connect ECONNREFUSED 127.0.0.1:5432; they stay queued (5 rows) and are retried',
      ),
    );

    store.up = true;
    await writer.flush();
    expect(store.rows).toEqual(['1', '2', '3', '4', '5']);
    expect(writer.lastError).toBeUndefined();
  });

  it('backs off while failing: 1 s, 2 s, 4 s, then at most maxRetryDelayMs', async () => {
    let attempts = 0;
    store.insert = async () => {
      attempts += 1;
      throw new Error('down');
    };
    store.up = false;
    writer.offer(row(1));
    const attemptsAt = async (ms: number): Promise<number> => {
      await vi.advanceTimersByTimeAsync(ms);
      return attempts;
    };
    expect(await attemptsAt(1000)).toBe(1);
    // Each retry comes one delay after the previous attempt, never earlier.
    for (const [delay, attempt] of [
      [1000, 2],
      [2000, 3],
      [4000, 4],
      [8000, 5],
      [8000, 6],
    ]) {
      expect([await attemptsAt(delay! - 1), await attemptsAt(1)]).toEqual([attempt! - 1, attempt]);
    }
  });

  it('drops only the rows the database refuses while it answers', async () => {
    store.refused.add('2');
    for (const id of [1, 2, 3]) writer.offer(row(id));
    await writer.flush();
    expect(store.rows).toEqual(['1', '3']);
    expect(dropped.snapshot().ledger_rejected).toBe(1);
    expect([writer.queued, writer.written]).toEqual([0, 2]);
  });

  it('keeps the rows queued, the error reported, while a database that still answers cannot write (disk full)', async () => {
    const realInsert = store.insert.bind(store);
    let full = true;
    store.insert = async (entries) => {
      if (full) throw new LedgerUnavailableError('database or disk is full');
      return realInsert(entries);
    };
    for (const id of [1, 2, 3]) writer.offer(row(id));
    await vi.advanceTimersByTimeAsync(1000);
    expect([writer.queued, writer.written, writer.lastError]).toEqual([3, 0, 'database or disk is full']);
    await vi.advanceTimersByTimeAsync(7000);
    expect(writer.queued).toBe(3);
    expect(dropped.snapshot().ledger_rejected).toBe(0);
    full = false;
    await vi.advanceTimersByTimeAsync(8000);
    expect(store.rows).toEqual(['1', '2', '3']);
    expect(dropped.snapshot().ledger_rejected).toBe(0);
  });

  it('offerAll queues every row or none, without counting a refusal', () => {
    expect(writer.offerAll([row(1), row(2), row(3)])).toBe(true);
    expect(writer.offerAll([row(4), row(5), row(6)])).toBe(false);
    expect(writer.offerAll([row(4), row(5)])).toBe(true);
    expect(writer.queued).toBe(5);
    expect(dropped.snapshot().ledger_queue_full).toBe(0);
  });

  it('close writes what is queued; rows it cannot write and later rows are counted as closed', async () => {
    writer.offer(row(1));
    await writer.close();
    expect(store.rows).toEqual(['1']);
    expect(writer.offer(row(2))).toBe(false);

    const downStore = new FakeStore();
    downStore.up = false;
    const downWriter = new BatchWriter(downStore, OPTIONS, dropped);
    downWriter.offer(row(3));
    downWriter.offer(row(4));
    await downWriter.close();
    expect(downWriter.queued).toBe(0);
    expect(dropped.snapshot().ledger_closed).toBe(3);
  });
});
