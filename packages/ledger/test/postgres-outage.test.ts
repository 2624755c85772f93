import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { DataPointType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import Groq from 'groq-sdk';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Ledger, LedgerWriteError, openLedger } from '../src/index.js';
import { ledgerTracerProvider } from './ledger-targets.js';
import { type PostgresServer, startPostgresServer } from './postgres-server.js';

class OnDemandMetricReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const RANGE = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };

/** A cluster of its own: this test stops and starts it. */
let server: PostgresServer;
let simulator: RunningSimulator;

beforeAll(async () => {
  [server, simulator] = await Promise.all([startPostgresServer(), startSimulator({ port: 0 })]);
});
afterAll(async () => {
  await simulator?.close();
  await server?.destroy();
});

describe('PostgreSQL outage', () => {
  let ledger: Ledger;
  const reader = new OnDemandMetricReader();

  afterAll(() => ledger?.close());

  it('user calls succeed, rows queue up to the bound and the rest are counted, then writing resumes', async () => {
    ledger = await openLedger({
      db: server.url,
      maxQueueSize: 3,
      flushIntervalMs: 20,
      maxRetryDelayMs: 100,
      meterProvider: new MeterProvider({ readers: [reader] }),
    });
    const groq = instrumentGroq(
      new Groq({ apiKey: 'gsk_outageTest', baseURL: simulator.url, maxRetries: 0 }),
      {
        tracerProvider: ledgerTracerProvider(ledger),
      },
    );
    const ask = async (content: string): Promise<string | null | undefined> =>
      (
        await groq.chat.completions.create({
          model: 'openai/gpt-oss-20b',
          messages: [{ role: 'user', content }],
        })
      ).choices[0]?.message.content;

    expect(await ask('before the outage')).toEqual(expect.any(String));
    await ledger.flush();

    await server.stop();
    const answers = [];
    for (let call = 1; call <= 5; call += 1) answers.push(await ask(`during the outage ${call}`));
    expect(answers).toEqual(Array(5).fill(expect.any(String)));
    await expect(ledger.flush()).rejects.toThrow(LedgerWriteError);
    expect(ledger.stats()).toEqual({
      queued: 3,
      written: 1,
      dropped: { ledger_queue_full: 2, ledger_invalid_span: 0, ledger_rejected: 0, ledger_closed: 0 },
      lastError: expect.stringMatching(/ECONNREFUSED|terminating connection|Connection terminated/),
    });
    const { resourceMetrics } = await reader.collect();
    const dropped = resourceMetrics.scopeMetrics
      .flatMap((scope) => scope.metrics)
      .find((metric) => metric.descriptor.name === 'groqmeter.dropped');
    expect(dropped?.dataPointType).toBe(DataPointType.SUM);
    expect(dropped?.dataPoints.map((point) => [point.attributes, point.value])).toEqual([
      [{ reason: 'ledger_queue_full' }, 2],
    ]);

    await server.start();
    // No flush() here: the background writer retries on its own.
    await vi.waitFor(() => expect(ledger.stats().queued).toBe(0), { timeout: 10_000, interval: 50 });
    expect(ledger.stats()).toMatchObject({ written: 4, lastError: undefined });
    expect((await ledger.operations(RANGE)).map((row) => row.outcome)).toEqual([
      'success',
      'success',
      'success',
      'success',
    ]);
  });
});
