import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { type LedgerEntry, openLedger } from '@groqmeter/ledger';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import Groq from 'groq-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningExporter, startExporter } from '../src/index.js';
import { samplesOf, scrape } from './exposition.js';

const TOKEN = 'push-token';
const API_KEY = 'gsk_exporterLedgerTestKeyThatMustNeverBeStored';
const PROMPT = 'Hello there';
const ALL_TIME = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2100-01-01T00:00:00Z') };

let simulator: RunningSimulator;
let directory: string;
beforeAll(async () => {
  simulator = await startSimulator();
  directory = mkdtempSync(join(tmpdir(), 'groqmeter-exporter-ledger-'));
});
afterAll(async () => {
  await simulator.close();
  rmSync(directory, { recursive: true, force: true });
});

/**
 * One groq-sdk chat through the groqmeter instrumentation (the real recorder), its span exported
 * over OTLP with `spanExporter`. Returns the trace and span id the app saw.
 */
async function chatExportedWith(spanExporter: SpanExporter): Promise<{ traceId: string; spanId: string }> {
  const seen = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'billing-api' }),
    spanProcessors: [new SimpleSpanProcessor(seen), new BatchSpanProcessor(spanExporter)],
  });
  const groq = instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: simulator.url, maxRetries: 0 }), {
    tracerProvider,
    attributes: { 'user.id': 'u-7', feature: 'invoices' },
  });
  await groq.chat.completions.create({
    model: 'openai/gpt-oss-20b',
    messages: [{ role: 'user', content: PROMPT }],
  });
  await tracerProvider.forceFlush();
  const [span] = seen.getFinishedSpans();
  await tracerProvider.shutdown();
  return { traceId: span!.spanContext().traceId, spanId: span!.spanContext().spanId };
}

describe('POST /v1/traces with --ledger-db', () => {
  it.each([
    [
      'exporter-trace-otlp-proto, gzip',
      (url: string) =>
        new OtlpProtobufTraceExporter({
          url,
          headers: { authorization: `Bearer ${TOKEN}` },
          compression: CompressionAlgorithm.GZIP,
        }),
    ],
    [
      'exporter-trace-otlp-http (JSON)',
      (url: string) => new OtlpJsonTraceExporter({ url, headers: { authorization: `Bearer ${TOKEN}` } }),
    ],
  ])('%s: a real groq-sdk call becomes its ledger row, exactly', async (name, makeExporter) => {
    const db = `sqlite:${join(directory, `${name.replace(/\W+/g, '-')}.db`)}`;
    const exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      token: TOKEN,
      ledgerDb: db,
      logLevel: 'silent',
    });
    expect(exporter.tracesUrl).toBe(exporter.otlpUrl.replace('/v1/metrics', '/v1/traces'));
    const ids = await chatExportedWith(makeExporter(exporter.tracesUrl!));
    // Closing writes what the ledger still queues.
    await exporter.close();

    const ledger = await openLedger({ db, create: false });
    try {
      const rows = await ledger.operations(ALL_TIME);
      // The simulator counts "Hello there" as 7 tokens and answers 32 (16 of them reasoning).
      // gpt-oss-20b: 7 × 270e9 + 32 × 1 080e9 quanta; gpt-4o: 7 × 9e12 + 32 × 36e12.
      expect(rows).toEqual<LedgerEntry[]>([
        {
          ...ids,
          startTime: expect.any(Date),
          durationSeconds: expect.any(Number),
          operation: 'chat',
          operationType: 'chat',
          provider: 'groq',
          source: 'groq-sdk',
          serviceName: 'billing-api',
          requestModel: 'openai/gpt-oss-20b',
          responseModel: 'openai/gpt-oss-20b',
          inputTokens: 7,
          cachedInputTokens: 0,
          outputTokens: 32,
          reasoningTokens: 16,
          audioSeconds: null,
          characters: null,
          toolCalls: null,
          costKnown: true,
          pricing: 'exact',
          costPartial: false,
          partialReasons: null,
          costStale: false,
          costQuanta: 36_450_000_000_000n,
          costUsd: '0.000010125000',
          costExact: true,
          baselineModel: 'gpt-4o',
          baselineCostQuanta: 1_215_000_000_000_000n,
          baselineCostUsd: '0.000337500000',
          ttftSeconds: null,
          outcome: 'success',
          errorType: null,
          requestId: expect.stringMatching(/^req_01/),
          batchId: null,
          serviceTier: 'on_demand',
          batch: false,
          userId: 'u-7',
          feature: 'invoices',
          platform: null,
          tenant: null,
          functionName: null,
          attributes: { 'user.id': 'u-7', feature: 'invoices' },
          content: null,
        },
      ]);
      expect(
        JSON.stringify(rows, (_key, value) => (typeof value === 'bigint' ? String(value) : value)),
      ).not.toMatch(new RegExp(`${API_KEY}|${PROMPT}`));
    } finally {
      await ledger.close();
    }
  });

  describe('refusals', () => {
    let exporter: RunningExporter;
    const logLines: string[] = [];
    beforeAll(async () => {
      exporter = await startExporter({
        otlpPort: 0,
        metricsPort: 0,
        token: TOKEN,
        ledgerDb: 'sqlite::memory:',
        maxBodyBytes: 4096,
        logLevel: 'warn',
        writeLog: (line) => logLines.push(line),
      });
    });
    afterAll(() => exporter.close());

    async function dropped(): Promise<Record<string, number>> {
      const { samples } = await scrape(exporter.metricsUrl);
      return Object.fromEntries(
        samplesOf(samples, 'groqmeter_dropped_total').map((sample) => [sample.labels.reason, sample.value]),
      );
    }

    it('serves the ledger drop reasons from the start, at 0', async () => {
      expect(await dropped()).toMatchObject({
        ledger_queue_full: 0,
        ledger_invalid_span: 0,
        ledger_rejected: 0,
        ledger_closed: 0,
      });
    });

    it('refuses an export without the bearer token before reading it', async () => {
      const response = await fetch(exporter.tracesUrl!, {
        method: 'POST',
        body: '{"resourceSpans":[]}',
        headers: { 'content-type': 'application/json' },
      });
      expect([response.status, response.headers.get('www-authenticate'), await response.json()]).toEqual([
        401,
        'Bearer',
        {
          code: 16,
          message:
            'missing or wrong bearer token: send the header "Authorization: Bearer <token>" with the token the exporter was started with (--token)',
        },
      ]);
      expect((await dropped()).unauthorized).toBe(1);
    });

    it("answers a malformed export with the ledger's 400, logs the reason and counts it", async () => {
      const response = await fetch(exporter.tracesUrl!, {
        method: 'POST',
        body: '{"resourceSpans": {}}',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      });
      expect([response.status, await response.json()]).toEqual([
        400,
        { code: 3, message: 'request.resourceSpans: expected an array, got an object' },
      ]);
      expect((await dropped()).bad_payload).toBe(1);
      expect(logLines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          msg: 'trace export refused',
          status: 400,
          reason: 'request.resourceSpans: expected an array, got an object',
        }),
      );
    });

    it('refuses a body over --max-body-bytes with 413 before handing it to the ledger', async () => {
      const response = await fetch(exporter.tracesUrl!, {
        method: 'POST',
        body: Buffer.alloc(5000, 0x20),
        headers: { 'content-type': 'application/x-protobuf', authorization: `Bearer ${TOKEN}` },
      });
      expect(response.status).toBe(413);
      expect((await dropped()).too_large).toBe(1);
    });

    it('takes POST only', async () => {
      const response = await fetch(exporter.tracesUrl!);
      expect([response.status, response.headers.get('allow')]).toEqual([405, 'POST']);
    });
  });
});

describe('POST /v1/traces without --ledger-db', () => {
  it('answers 404, saying how to turn the ledger on', async () => {
    const exporter = await startExporter({ otlpPort: 0, metricsPort: 0, logLevel: 'silent' });
    try {
      expect(exporter.tracesUrl).toBeUndefined();
      const response = await fetch(exporter.otlpUrl.replace('/v1/metrics', '/v1/traces'), {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect([response.status, await response.json()]).toEqual([
        404,
        {
          error: 'not_found',
          message:
            'this exporter takes OTLP traces into a usage ledger only when started with --ledger-db (sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE, or GROQMETER_LEDGER_DB); got POST /v1/traces',
        },
      ]);
    } finally {
      await exporter.close();
    }
  });

  it('fails to start with LedgerOpenError when the ledger cannot be opened', async () => {
    await expect(
      startExporter({ otlpPort: 0, metricsPort: 0, logLevel: 'silent', ledgerDb: 'postgres://' }),
    ).rejects.toMatchObject({
      name: 'LedgerOpenError',
      message:
        'the PostgreSQL URL names no host; expected sqlite:PATH, a file path, or postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    });
  });
});
