import type { Attributes } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from './ledger.js';
import { LedgerSpanProcessor, ledgerSpanOf, type ReadableSpanLike } from './span-processor.js';
import type { Ledger } from './types.js';

const RANGE = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
let spanCount = 0;

/** A finished SDK span as a processor receives it: 2026-11-21T10:00:00.5Z for 1.25 s. */
function finishedSpan(attributes: Attributes): ReadableSpanLike {
  spanCount += 1;
  return {
    spanContext: () => ({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: spanCount.toString(16).padStart(16, '0'),
      traceFlags: 1,
    }),
    startTime: [1_795_255_200, 500_000_000],
    endTime: [1_795_255_201, 750_000_000],
    attributes,
    resource: { attributes: { 'service.name': 'support-bot' } },
  };
}

const FAILED_CHAT: Attributes = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'groq',
  'gen_ai.request.model': 'openai/gpt-oss-20b',
  'groqmeter.source': 'langchain',
  'error.type': 'APIConnectionError',
  feature: 'triage',
};

let ledger: Ledger;
let processor: LedgerSpanProcessor;

beforeEach(async () => {
  ledger = await openLedger({ db: 'sqlite::memory:', flushIntervalMs: 60_000 });
  processor = new LedgerSpanProcessor(ledger);
});
afterEach(() => processor.shutdown());

describe('LedgerSpanProcessor', () => {
  it('converts SDK times to nanoseconds and ids as they are', () => {
    expect(ledgerSpanOf(finishedSpan({}))).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: spanCount.toString(16).padStart(16, '0'),
      startTimeUnixNano: 1_795_255_200_500_000_000n,
      endTimeUnixNano: 1_795_255_201_750_000_000n,
      attributes: {},
      resourceAttributes: { 'service.name': 'support-bot' },
    });
  });

  it('queues one row per groqmeter span and writes them on forceFlush', async () => {
    processor.onEnd(finishedSpan(FAILED_CHAT));
    processor.onEnd(finishedSpan({ 'http.request.method': 'POST' }));
    expect(ledger.stats().queued).toBe(1);
    await processor.forceFlush();
    expect(await ledger.operations(RANGE)).toEqual([
      expect.objectContaining({
        startTime: new Date('2026-11-21T10:00:00.500Z'),
        durationSeconds: 1.25,
        serviceName: 'support-bot',
        source: 'langchain',
        outcome: 'error',
        errorType: 'APIConnectionError',
        feature: 'triage',
      }),
    ]);
  });

  it('counts a malformed groqmeter span as dropped instead of throwing', () => {
    expect(() =>
      processor.onEnd(finishedSpan({ ...FAILED_CHAT, 'gen_ai.usage.input_tokens': -1 })),
    ).not.toThrow();
    expect(ledger.stats()).toMatchObject({ queued: 0, dropped: { ledger_invalid_span: 1 } });
  });

  it('shutdown writes what is queued and closes the ledger; later spans are counted as closed', async () => {
    processor.onEnd(finishedSpan(FAILED_CHAT));
    await processor.shutdown();
    expect(ledger.stats()).toMatchObject({ queued: 0, written: 1 });
    processor.onEnd(finishedSpan(FAILED_CHAT));
    expect(ledger.stats().dropped.ledger_closed).toBe(1);
  });
});
