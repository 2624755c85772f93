import { gzipSync } from 'node:zlib';
import { StatusType } from '@groqmeter/otlp';
import { createRecorder } from '@groqmeter/recorder';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from './ledger.js';
import { ledgerSpanOf } from './span-processor.js';
import { createLedgerTraceSink, type LedgerTraceSink, type TraceSinkResponse } from './trace-sink.js';
import type { Ledger } from './types.js';

const PROTOBUF = 'application/x-protobuf';
const JSON_TYPE = 'application/json';
const START = Date.UTC(2026, 10, 21, 10);
const RANGE = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };

let spans: ReadableSpan[];

/** What an app exports: two groqmeter operations (one priced, one failed) and an unrelated HTTP span. */
beforeAll(async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'billing-api' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const recorder = createRecorder({ tracerProvider: provider });
  const chat = recorder.start({
    operation: 'chat',
    source: 'groq-sdk',
    requestModel: 'openai/gpt-oss-20b',
    attributes: { 'user.id': 'u-7', feature: 'invoices' },
    startTime: START,
  });
  chat.end(
    {
      responseModel: 'openai/gpt-oss-20b',
      groqRequestId: 'req_01x',
      usage: { inputTokens: 120, outputTokens: 30 },
    },
    START + 400,
  );
  const failed = recorder.start({
    operation: 'chat',
    source: 'ai-sdk',
    requestModel: 'openai/gpt-oss-120b',
    startTime: START + 1000,
  });
  failed.fail({ error: Object.assign(new Error('rate limited'), { status: 429 }) }, START + 1100);
  provider
    .getTracer('http')
    .startSpan('GET /invoices', { startTime: START })
    .end(START + 5);
  await provider.forceFlush();
  spans = exporter.getFinishedSpans();
});

let ledger: Ledger;
let sink: LedgerTraceSink;

beforeEach(async () => {
  ledger = await openLedger({ db: 'sqlite::memory:', maxQueueSize: 3 });
  sink = createLedgerTraceSink(ledger, { maxBodyBytes: 64 * 1024 });
});
afterEach(() => ledger.close());

function protobufBody(): Uint8Array {
  return ProtobufTraceSerializer.serializeRequest(spans)!;
}

function jsonBody(): Uint8Array {
  return JsonTraceSerializer.serializeRequest(spans)!;
}

function jsonText(body: Uint8Array): unknown {
  return JSON.parse(new TextDecoder().decode(body));
}

/** The `google.rpc.Status` of an error response, in whichever encoding it came. */
function statusOf(response: TraceSinkResponse): unknown {
  return response.headers['content-type'] === PROTOBUF
    ? StatusType.toObject(StatusType.decode(response.body))
    : jsonText(response.body);
}

describe('createLedgerTraceSink', () => {
  it.each([
    ['protobuf', PROTOBUF, undefined, protobufBody],
    ['protobuf, gzip', PROTOBUF, 'gzip', () => gzipSync(protobufBody())],
    ['JSON', JSON_TYPE, undefined, jsonBody],
    ['JSON, gzip', `${JSON_TYPE}; charset=utf-8`, 'gzip', () => gzipSync(jsonBody())],
  ])(
    '%s: records the groqmeter spans as the span processor would',
    async (_name, contentType, encoding, body) => {
      const response = await sink.handle(body(), contentType, encoding);
      expect(response.status).toBe(200);
      expect(response.recorded).toBe(2);
      expect(response.headers).toEqual({
        'content-type': contentType.startsWith(JSON_TYPE) ? JSON_TYPE : PROTOBUF,
      });
      if (contentType === PROTOBUF) expect(response.body.byteLength).toBe(0);
      else expect(jsonText(response.body)).toEqual({});
      await ledger.flush();
      const inProcess = spans
        .map((span) => ledger.entryOf(ledgerSpanOf(span)))
        .filter((entry) => entry !== undefined);
      expect(await ledger.operations(RANGE)).toEqual(inProcess);
      expect(
        inProcess.map((entry) => [
          entry.serviceName,
          entry.userId,
          entry.costUsd,
          entry.outcome,
          entry.errorType,
        ]),
      ).toEqual([
        // 120 × 270e9 + 30 × 1 080e9 quanta
        ['billing-api', 'u-7', '0.000018000000', 'success', null],
        ['billing-api', null, null, 'error', 'RateLimitError'],
      ]);
    },
  );

  it('a repeated export (a sender retrying) adds no rows', async () => {
    await sink.handle(protobufBody(), PROTOBUF);
    await ledger.flush();
    await sink.handle(protobufBody(), PROTOBUF);
    await ledger.flush();
    expect(await ledger.operations(RANGE)).toHaveLength(2);
  });

  it.each([
    [
      'an unsupported Content-Type',
      () => jsonBody(),
      'text/plain',
      undefined,
      415,
      'Content-Type must be application/x-protobuf or application/json (OTLP/HTTP), got text/plain',
    ],
    [
      'an unsupported Content-Encoding',
      () => jsonBody(),
      JSON_TYPE,
      'br',
      415,
      'Content-Encoding "br" is not supported; send gzip or no encoding',
    ],
    [
      'corrupt gzip',
      () => new TextEncoder().encode('not gzip'),
      JSON_TYPE,
      'gzip',
      400,
      'the body is not valid gzip (incorrect header check)',
    ],
    [
      'a body over the limit',
      () => new Uint8Array(64 * 1024 + 1),
      PROTOBUF,
      undefined,
      413,
      'the body is larger than the limit of 65536 bytes; export in smaller batches',
    ],
    [
      'gzip inflating over the limit',
      () => gzipSync(new Uint8Array(1024 * 1024)),
      PROTOBUF,
      'gzip',
      413,
      'the inflated body is larger than the limit of 65536 bytes; export in smaller batches',
    ],
    [
      'text that is not JSON',
      () => new TextEncoder().encode('{"resourceSpans": ['),
      JSON_TYPE,
      undefined,
      400,
      'body: not valid JSON',
    ],
    [
      'JSON of the wrong shape',
      () => new TextEncoder().encode('{"resourceSpans": {}}'),
      JSON_TYPE,
      undefined,
      400,
      'request.resourceSpans: expected an array, got an object',
    ],
  ])('refuses %s with %d', async (_name, body, contentType, encoding, status, message) => {
    const response = await sink.handle(body(), contentType, encoding);
    expect([response.status, response.message, response.recorded]).toEqual([status, message, 0]);
    expect(statusOf(response)).toEqual({ code: status === 413 ? 8 : 3, message });
    expect(ledger.stats().queued).toBe(0);
  });

  it('refuses protobuf that does not decode, answering in protobuf', async () => {
    const response = await sink.handle(new Uint8Array([0x0a, 0xff, 0xff, 0xff]), PROTOBUF);
    expect(response.status).toBe(400);
    expect(response.headers).toEqual({ 'content-type': PROTOBUF });
    expect(statusOf(response)).toEqual({
      code: 3,
      message: 'body: not a valid protobuf ExportTraceServiceRequest (index out of range: 4 + 1 > 4)',
    });
  });

  it('refuses a malformed id, naming where it is', async () => {
    const request = jsonText(jsonBody()) as {
      resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[];
    };
    request.resourceSpans[0]!.scopeSpans[0]!.spans[1]!.traceId = 'xyz';
    const response = await sink.handle(new TextEncoder().encode(JSON.stringify(request)), JSON_TYPE);
    expect([response.status, response.message]).toEqual([
      400,
      'resourceSpans[0].scopeSpans[0].spans[1].traceId: expected 16 bytes (32 hex digits), got a string of 3 characters',
    ]);
  });

  it('validates every span before queuing any: one bad groqmeter span refuses the export', async () => {
    const request = jsonText(jsonBody()) as {
      resourceSpans: { scopeSpans: { spans: { attributes: { key: string; value: unknown }[] }[] }[] }[];
    };
    const failedSpan = request.resourceSpans[0]!.scopeSpans[0]!.spans[1]!;
    failedSpan.attributes.push({ key: 'gen_ai.usage.input_tokens', value: { stringValue: 'many' } });
    const response = await sink.handle(new TextEncoder().encode(JSON.stringify(request)), JSON_TYPE);
    expect([response.status, response.message]).toEqual([
      400,
      'resourceSpans[0].scopeSpans[0].spans[1]: attribute gen_ai.usage.input_tokens must be a whole number ≥ 0, got a string of 4 characters',
    ]);
    expect(ledger.stats().queued).toBe(0);
  });

  it('asks the sender to retry when the write queue cannot take the export', async () => {
    expect((await sink.handle(protobufBody(), PROTOBUF)).status).toBe(200);
    const response = await sink.handle(protobufBody(), PROTOBUF);
    expect([response.status, response.headers, response.message]).toEqual([
      503,
      { 'content-type': PROTOBUF, 'retry-after': '5' },
      "the ledger's write queue cannot take 2 more rows (2 queued); retry later",
    ]);
    expect(ledger.stats().queued).toBe(2);
  });
});
