import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import {
  ExportMetricsServiceRequestType,
  ExportMetricsServiceResponseType,
  StatusType,
} from '@groqmeter/otlp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningExporter, startExporter } from '../src/index.js';
import { samplesOf, scrape } from './exposition.js';
import { jsonGauge, jsonRequest } from './otlp-json.js';

/** An OTLP/JSON request with one gauge point per model. */
function gaugeRequest(job: string, models: string[] = ['a']) {
  return jsonRequest({ 'service.name': job }, [
    jsonGauge(
      'groq.ratelimit.remaining',
      models.map((model, index) => ({ labels: { model }, value: 100 + index })),
    ),
  ]);
}

const protobufBody = (body: object) =>
  Buffer.from(
    ExportMetricsServiceRequestType.encode(ExportMetricsServiceRequestType.fromObject(body)).finish(),
  );

let exporter: RunningExporter;
const logLines: string[] = [];
beforeAll(async () => {
  exporter = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    token: 'push-token',
    scrapeToken: 'scrape-token',
    maxBodyBytes: 4096,
    seriesCap: 3,
    logLevel: 'debug',
    writeLog: (line) => logLines.push(line),
  });
});
afterAll(() => exporter.close());

const AUTH = { authorization: 'Bearer push-token' };
const SCRAPE_AUTH = { authorization: 'Bearer scrape-token' };

function push(body: BodyInit, headers: Record<string, string>) {
  return fetch(exporter.otlpUrl, { method: 'POST', body, headers: { ...AUTH, ...headers } });
}

async function pushes(outcome: string): Promise<number> {
  const { samples } = await scrape(exporter.metricsUrl, SCRAPE_AUTH);
  return samplesOf(samples, 'groqmeter_exporter_pushes_total', { outcome })[0]?.value ?? 0;
}

async function dropped(reason: string): Promise<number> {
  const { samples } = await scrape(exporter.metricsUrl, SCRAPE_AUTH);
  return samplesOf(samples, 'groqmeter_dropped_total', { reason })[0]?.value ?? 0;
}

describe('OTLP receiver over HTTP', () => {
  it('answers a JSON push with an empty JSON ExportMetricsServiceResponse', async () => {
    const response = await push(JSON.stringify(gaugeRequest('json-ok')), {
      'content-type': 'application/json',
    });
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([
      200,
      'application/json',
      '{}',
    ]);
  });

  it('accepts gzip protobuf and answers in protobuf', async () => {
    const response = await push(gzipSync(protobufBody(gaugeRequest('gzip-ok'))), {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'gzip',
    });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'application/x-protobuf']);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
    const { samples } = await scrape(exporter.metricsUrl, SCRAPE_AUTH);
    expect(
      samplesOf(samples, 'groq_ratelimit_remaining', { job: 'gzip-ok' }).map((sample) => sample.value),
    ).toEqual([100]);
  });

  it('reports points over the series cap as partial_success', async () => {
    const response = await push(protobufBody(gaugeRequest('capped', ['a', 'b', 'c', 'd', 'e'])), {
      'content-type': 'application/x-protobuf',
    });
    expect(response.status).toBe(200);
    const body = ExportMetricsServiceResponseType.decode(new Uint8Array(await response.arrayBuffer()));
    // Three series exist already (json-ok, gzip-ok, and the first of this push).
    expect(ExportMetricsServiceResponseType.toObject(body, { longs: Number })).toEqual({
      partialSuccess: {
        rejectedDataPoints: 4,
        errorMessage:
          '4 data points rejected: 4 series_cap (groq_ratelimit_remaining has reached the series cap of 3)',
      },
    });
    expect(await dropped('series_cap')).toBe(4);
  });

  it('refuses malformed JSON with 400, a reason, and no partial write', async () => {
    const body = gaugeRequest('half-bad', ['good']);
    const bad = structuredClone(body) as { resourceMetrics: { scopeMetrics: { metrics: object[] }[] }[] };
    bad.resourceMetrics[0]!.scopeMetrics[0]!.metrics.push({
      name: 'second',
      gauge: { dataPoints: [{ timeUnixNano: '1', asInt: 'twelve' }] },
    });
    const response = await push(JSON.stringify(bad), { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 3,
      message:
        'resourceMetrics[0].scopeMetrics[0].metrics[1] "second".gauge.dataPoints[0].asInt: expected a 64-bit integer, got a string of 6 characters',
    });
    const { samples } = await scrape(exporter.metricsUrl, SCRAPE_AUTH);
    expect(samplesOf(samples, 'groq_ratelimit_remaining', { job: 'half-bad' })).toEqual([]);
  });

  it('refuses garbage and truncated protobuf with a google.rpc.Status in protobuf', async () => {
    const before = await dropped('bad_payload');
    const garbage = await push(Buffer.from('\x07\x07garbage that is not protobuf'), {
      'content-type': 'application/x-protobuf',
    });
    expect(garbage.status).toBe(400);
    const status = StatusType.toObject(StatusType.decode(new Uint8Array(await garbage.arrayBuffer())));
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^body: not a valid protobuf ExportMetricsServiceRequest \(/);

    const valid = protobufBody(gaugeRequest('truncated'));
    const truncated = await push(valid.subarray(0, valid.length - 5), {
      'content-type': 'application/x-protobuf',
    });
    expect(truncated.status).toBe(400);
    const corruptGzip = await push(Buffer.from('nope'), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(corruptGzip.status).toBe(400);
    expect(await dropped('bad_payload')).toBe(before + 3);
  });

  it('refuses bodies over the limit with 413, compressed or inflated', async () => {
    const big = await push(Buffer.alloc(5000, 0x20), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect((await big.json()).message).toBe(
      'the body is larger than the limit of 4096 bytes; export in smaller batches or raise --max-body-bytes',
    );
    const bomb = gzipSync(Buffer.alloc(100_000, 0x20));
    expect(bomb.length).toBeLessThan(4096);
    const inflated = await push(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(inflated.status).toBe(413);
    expect(await dropped('too_large')).toBe(2);
  });

  it('refuses other content types and encodings with 415', async () => {
    const text = await push('hello', { 'content-type': 'text/plain' });
    expect([text.status, await text.json()]).toEqual([
      415,
      {
        code: 3,
        message:
          'Content-Type must be application/x-protobuf or application/json (OTLP/HTTP), got text/plain',
      },
    ]);
    const brotli = await push('x', { 'content-type': 'application/json', 'content-encoding': 'br' });
    expect(brotli.status).toBe(415);
    expect(await pushes('unsupported_media_type')).toBe(2);
  });

  it('refuses a missing or wrong token with 401 and never logs it', async () => {
    const wrong = await fetch(exporter.otlpUrl, {
      method: 'POST',
      body: JSON.stringify(gaugeRequest('intruder')),
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-token' },
    });
    expect([wrong.status, wrong.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
    const missing = await fetch(exporter.otlpUrl, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(missing.status).toBe(401);
    expect(await dropped('unauthorized')).toBe(2);
    expect(logLines.join('')).not.toMatch(/not-the-token|push-token|scrape-token/);
  });

  it('answers unknown paths with 404 and other methods with 405, in JSON', async () => {
    const traces = await fetch(exporter.otlpUrl.replace('/v1/metrics', '/v1/traces'), {
      method: 'POST',
      body: '{}',
    });
    expect([traces.status, await traces.json()]).toEqual([
      404,
      {
        error: 'not_found',
        message:
          'this exporter takes OTLP traces into a usage ledger only when started with --ledger-db (sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE, or GROQMETER_LEDGER_DB); got POST /v1/traces',
      },
    ]);
    const logs = await fetch(exporter.otlpUrl.replace('/v1/metrics', '/v1/logs'), { method: 'POST' });
    expect([logs.status, await logs.json()]).toEqual([
      404,
      {
        error: 'not_found',
        message:
          'this exporter receives OTLP metrics at POST /v1/metrics and, with --ledger-db, traces at POST /v1/traces (no logs); got POST /v1/logs',
      },
    ]);
    const get = await fetch(exporter.otlpUrl);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
  });
});

describe('Prometheus listener over HTTP', () => {
  it('requires the scrape token on /metrics only', async () => {
    const denied = await fetch(exporter.metricsUrl);
    expect(denied.status).toBe(401);
    const health = await fetch(exporter.metricsUrl.replace('/metrics', '/healthz'));
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(exporter.metricsUrl.replace('/metrics', '/readyz'));
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    const missing = await fetch(exporter.metricsUrl.replace('/metrics', '/nope'));
    expect(missing.status).toBe(404);
  });

  it('negotiates OpenMetrics by Accept header', async () => {
    const openMetrics = await scrape(exporter.metricsUrl, {
      ...SCRAPE_AUTH,
      accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5',
    });
    expect(openMetrics.contentType).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(openMetrics.text.endsWith('# EOF\n')).toBe(true);
    const text = await scrape(exporter.metricsUrl, SCRAPE_AUTH);
    expect(text.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const names = (samples: typeof text.samples) =>
      samples.filter((sample) => !sample.name.startsWith('groqmeter_exporter')).map((sample) => sample.name);
    expect(names(openMetrics.samples)).toEqual(names(text.samples));
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight push, then refuses new connections', async () => {
    const local = await startExporter({ otlpPort: 0, metricsPort: 0, logLevel: 'silent' });
    const body = Buffer.from(JSON.stringify(gaugeRequest('in-flight')));
    const url = new URL(local.otlpUrl);
    let closed: Promise<void> | undefined;
    const inFlight = new Promise<number>((resolve, reject) => {
      const pending = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          // The server answers 100 Continue once it is handling the request: then it is in flight.
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            expect: '100-continue',
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      pending.on('error', reject);
      pending.on('continue', () => {
        closed = local.close();
        pending.end(body);
      });
      pending.flushHeaders();
    });
    expect(await inFlight).toBe(200);
    await closed;
    await expect(fetch(local.metricsUrl)).rejects.toThrow();
  });
});
