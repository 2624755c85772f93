import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecorder } from '@groqmeter/recorder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../src/index.js';
import { ledgerTracerProvider } from './ledger-targets.js';

const RANGE = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-ledger-restart-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** Records `count` priced chats through the recorder, starting on the hour of `hour` (UTC, 2026-11-21). */
function recordChats(recorder: ReturnType<typeof createRecorder>, hour: number, count: number): void {
  for (let index = 0; index < count; index += 1) {
    const start = Date.UTC(2026, 10, 21, hour, index);
    const operation = recorder.start({
      operation: 'chat',
      source: 'groq-sdk',
      requestModel: 'openai/gpt-oss-20b',
      startTime: start,
    });
    operation.end(
      { responseModel: 'openai/gpt-oss-20b', usage: { inputTokens: 10, outputTokens: 5 } },
      start + 100,
    );
  }
}

describe('SQLite restart', () => {
  it('rows flushed before a crash are all there when the file is opened again', async () => {
    const db = `sqlite:${join(directory, 'crash.db')}`;
    const before = await openLedger({ db });
    recordChats(createRecorder({ tracerProvider: ledgerTracerProvider(before) }), 9, 3);
    await before.flush();
    // The process dies here: `before` is never closed, its WAL never checkpointed.

    const after = await openLedger({ db });
    try {
      expect(
        (await after.operations(RANGE)).map((row) => [row.startTime.toISOString(), row.costUsd]),
      ).toEqual([
        ['2026-11-21T09:00:00.000Z', '0.000002250000'],
        ['2026-11-21T09:01:00.000Z', '0.000002250000'],
        ['2026-11-21T09:02:00.000Z', '0.000002250000'],
      ]);
    } finally {
      await after.close();
      await before.close();
    }
  });

  it('shutting the tracer provider down writes the queued rows; the next run adds to them', async () => {
    const db = `sqlite:${join(directory, 'shutdown.db')}`;
    const first = await openLedger({ db, flushIntervalMs: 60_000 });
    const firstProvider = ledgerTracerProvider(first);
    recordChats(createRecorder({ tracerProvider: firstProvider }), 10, 2);
    expect(first.stats().queued).toBe(2);
    await firstProvider.shutdown();
    expect(first.stats()).toMatchObject({ queued: 0, written: 2 });

    const second = await openLedger({ db });
    const secondProvider = ledgerTracerProvider(second);
    recordChats(createRecorder({ tracerProvider: secondProvider }), 11, 1);
    await secondProvider.shutdown();

    const reader = await openLedger({ db, create: false });
    try {
      expect((await reader.spendBy({ by: 'model', ...RANGE })).total).toMatchObject({
        operations: 3,
        inputTokens: 30,
        outputTokens: 15,
        costUsd: '0.000006750000',
      });
    } finally {
      await reader.close();
    }
  });
});
