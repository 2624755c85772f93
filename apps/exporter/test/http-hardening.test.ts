import { request as httpRequest } from 'node:http';
import { ExportMetricsServiceRequestType } from '@groqmeter/otlp';
import { describe, expect, it } from 'vitest';
import { startExporter } from '../src/index.js';
import { samplesOf, scrape } from './exposition.js';
import { jsonCounter, jsonRequest } from './otlp-json.js';

/** Posts `total` bytes with a Content-Length, in chunks, and resolves to the status or the socket error. */
function postSlowly(url: string, total: number, chunk = 64 * 1024, pauseMs = 2): Promise<number | string> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const client = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf', 'content-length': total },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    client.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    let sent = 0;
    const writeMore = (): void => {
      if (sent >= total) return void client.end();
      const size = Math.min(chunk, total - sent);
      sent += size;
      client.write(Buffer.alloc(size, 1), () => setTimeout(writeMore, pauseMs));
    };
    writeMore();
  });
}

/** A valid protobuf push of `points` counter points of distinct label values. */
function largePush(points: number): Uint8Array<ArrayBuffer> {
  const body = jsonRequest({ 'service.name': 'big' }, [
    jsonCounter(
      'groq.requests',
      Array.from({ length: points }, (_, index) => ({ labels: { feature: `f${index}` }, value: index })),
    ),
  ]);
  return new Uint8Array(
    ExportMetricsServiceRequestType.encode(ExportMetricsServiceRequestType.fromObject(body)).finish(),
  );
}

describe('OTLP receiver under hostile pushes', () => {
  it('answers 413 to an over-limit body sent with Content-Length, every time, instead of EPIPE', async () => {
    const exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      maxBodyBytes: 4096,
      logLevel: 'silent',
    });
    try {
      const outcomes = [];
      // The way an OTLP SDK sends: the whole body in one write.
      for (let attempt = 0; attempt < 5; attempt++) {
        outcomes.push(await postSlowly(exporter.otlpUrl, 48 * 1024 * 1024, 48 * 1024 * 1024, 0));
      }
      expect(outcomes).toEqual([413, 413, 413, 413, 413]);
    } finally {
      await exporter.close();
    }
  });

  it('answers 503 with Retry-After to pushes past the in-flight body budget, and takes them once it frees', async () => {
    const exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      maxBodyBytes: 1024 * 1024,
      logLevel: 'silent',
    });
    try {
      // Two pushes of the largest size hold the budget (2 × maxBodyBytes) while they upload slowly.
      const holding = [0, 1].map(() => postSlowly(exporter.otlpUrl, 1024 * 1024, 16 * 1024, 20));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await fetch(exporter.otlpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body: largePush(10),
      });
      expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '1']);
      expect(await Promise.all(holding)).toEqual([400, 400]);
      const accepted = await fetch(exporter.otlpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body: largePush(10),
      });
      expect(accepted.status).toBe(200);
    } finally {
      await exporter.close();
    }
  });

  it('keeps answering scrapes while a 4 MiB push is decoded and ingested', async () => {
    const exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      seriesCap: 100_000,
      logLevel: 'silent',
    });
    try {
      const body = largePush(60_000);
      expect(body.byteLength).toBeGreaterThan(1024 * 1024);
      const push = fetch(exporter.otlpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body,
      });
      let longest = 0;
      let pushed = false;
      void push.then(() => {
        pushed = true;
      });
      while (!pushed) {
        const started = performance.now();
        await fetch(exporter.metricsUrl.replace('/metrics', '/readyz'));
        longest = Math.max(longest, performance.now() - started);
      }
      expect((await push).status).toBe(200);
      // Before the worker and the slices: 1.8 s here. The bound leaves room for a loaded CI machine.
      expect(longest).toBeLessThan(600);
    } finally {
      await exporter.close();
    }
  });

  it('takes its bounds from the settings (--max-label-value-length, --max-labels-per-point, --max-families)', async () => {
    const exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      maxLabelValueLength: 8,
      maxLabelsPerPoint: 2,
      maxFamilies: 1,
      logLevel: 'silent',
    });
    try {
      const push = (body: object) =>
        fetch(exporter.otlpUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const point = (labels: Record<string, string>) => ({ labels, value: 1 });
      await push(
        jsonRequest({ 'service.name': 'api' }, [
          jsonCounter('first', [
            point({ a: '12345678' }),
            point({ a: '123456789' }),
            point({ a: '1', b: '2', c: '3' }),
          ]),
          jsonCounter('second', [point({})]),
        ]),
      );
      const { samples } = await scrape(exporter.metricsUrl);
      const dropped = (reason: string) => samplesOf(samples, 'groqmeter_dropped_total', { reason })[0]?.value;
      expect([dropped('label_too_long'), dropped('too_many_labels'), dropped('family_cap')]).toEqual([
        1, 1, 1,
      ]);
      expect(samplesOf(samples, 'first_total').map((sample) => sample.labels.a)).toEqual(['12345678']);
    } finally {
      await exporter.close();
    }
  });

  it('answers 503 to new connections while shutting down, instead of refusing them', async () => {
    const exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      maxBodyBytes: 1024 * 1024,
      logLevel: 'silent',
    });
    // A push uploading slowly keeps the shutdown waiting.
    const inFlight = postSlowly(exporter.otlpUrl, 256 * 1024, 8 * 1024, 30);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = exporter.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const during = await fetch(exporter.otlpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: largePush(1),
    }).then(
      (response) => response.status,
      (error: Error) => (error.cause as NodeJS.ErrnoException | undefined)?.code ?? error.message,
    );
    expect(during).toBe(503);
    expect(await inFlight).toBe(400);
    await closing;
  });
});
