import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRecorder } from '@groqmeter/recorder';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLedgerTraceSink, type Ledger, openLedger } from '../src/index.js';

const RANGE = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

let ledger: Ledger;
let server: Server;
let tracesUrl: string;

/** What an exporter service does on `POST /v1/traces`: read the body, hand it to the sink, send its answer. */
beforeAll(async () => {
  ledger = await openLedger({ db: 'sqlite::memory:' });
  const sink = createLedgerTraceSink(ledger);
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await sink.handle(
      Buffer.concat(chunks),
      request.headers['content-type'],
      request.headers['content-encoding'],
    );
    response.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tracesUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ledger.close();
});

let runs = 0;
beforeEach(() => {
  runs += 1;
});

/** One app exporting two operations over OTLP with `exporter`, as `service.name` `app-<run>`. */
async function exportFromApp(exporter: SpanExporter): Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': `app-${runs}` }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const recorder = createRecorder({ tracerProvider: provider });
  for (const [minute, user] of [
    [0, 'u-1'],
    [1, 'u-2'],
  ] as const) {
    const start = Date.UTC(2026, 10, 21, 8 + runs, minute);
    const operation = recorder.start({
      operation: 'chat',
      source: 'groq-sdk',
      requestModel: 'openai/gpt-oss-120b',
      attributes: { 'user.id': user, feature: 'export-test' },
      startTime: start,
    });
    operation.end(
      { responseModel: 'openai/gpt-oss-120b', usage: { inputTokens: 100, outputTokens: 100 } },
      start + 300,
    );
  }
  await provider.shutdown();
  await ledger.flush();
}

describe('OTLP export from apps into one ledger', () => {
  it.each([
    [
      'exporter-trace-otlp-proto, gzip',
      () => new OtlpProtobufTraceExporter({ url: tracesUrl, compression: CompressionAlgorithm.GZIP }),
    ],
    ['exporter-trace-otlp-http (JSON)', () => new OtlpJsonTraceExporter({ url: tracesUrl })],
  ])('%s', async (_name, exporter) => {
    await exportFromApp(exporter());
    const rows = (await ledger.operations(RANGE)).filter((row) => row.serviceName === `app-${runs}`);
    // 100 × 540e9 + 100 × 2 160e9 quanta
    expect(
      rows.map((row) => [row.userId, row.feature, row.costQuanta, row.costExact, row.durationSeconds]),
    ).toEqual([
      ['u-1', 'export-test', 270_000_000_000_000n, true, 0.3],
      ['u-2', 'export-test', 270_000_000_000_000n, true, 0.3],
    ]);
  });
});
