import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { Exposition, renderExposition } from '../prometheus/render-exposition.js';
import { setExporterGauge } from '../store/exporter-series.js';
import { MetricStore } from '../store/metric-store.js';
import { createMetricsEndpoint } from './metrics-endpoint.js';

let server: Server | undefined;
afterEach(() => server?.close());

/** A metrics listener whose renders follow `outcomes` (true renders, false throws), then keep the last. */
async function listener(outcomes: boolean[]): Promise<{ url: string; renders: () => number }> {
  let renders = 0;
  const render = async (): Promise<Exposition> => {
    const ok = outcomes[Math.min(renders, outcomes.length - 1)];
    renders++;
    if (!ok) throw new RangeError('Invalid string length');
    return new Exposition([], 'prometheus');
  };
  const lines: string[] = [];
  server = createServer(
    createMetricsEndpoint({
      scrapeToken: undefined,
      render,
      isReady: () => true,
      logger: createLogger('error', (line) => lines.push(line)),
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, renders: () => renders };
}

async function status(url: string): Promise<[number, string]> {
  const response = await fetch(url);
  return [response.status, await response.text()];
}

describe('health endpoints and the exposition', () => {
  it('answer 503 exposition_broken while /metrics cannot be rendered, and 200 again once it can', async () => {
    const { url } = await listener([false, true]);
    expect((await status(`${url}/metrics`))[0]).toBe(500);
    expect(await status(`${url}/healthz`)).toEqual([503, '{"status":"exposition_broken"}']);
    expect(await status(`${url}/readyz`)).toEqual([503, '{"status":"exposition_broken"}']);
    expect((await status(`${url}/metrics`))[0]).toBe(200);
    expect(await status(`${url}/healthz`)).toEqual([200, '{"status":"ok"}']);
  });

  it('render the exposition themselves when no scrape came recently, and not again right after', async () => {
    const { url, renders } = await listener([false]);
    expect(await status(`${url}/healthz`)).toEqual([503, '{"status":"exposition_broken"}']);
    expect(await status(`${url}/healthz`)).toEqual([503, '{"status":"exposition_broken"}']);
    expect(renders()).toBe(1);
  });
});

describe('GET /metrics', () => {
  /** A listener serving a store of `series` gauge series with long label values. */
  async function storeListener(series: number): Promise<string> {
    const store = new MetricStore({ seriesCap: series, staleAfterMs: 60_000 });
    for (let index = 0; index < series; index++) {
      setExporterGauge(store, 'g', 'A gauge', [['id', `series-${index}-${'x'.repeat(200)}`]], index);
    }
    server = createServer(
      createMetricsEndpoint({
        scrapeToken: undefined,
        render: (format) => renderExposition(store.snapshot(), format),
        isReady: () => true,
        logger: createLogger('error', () => {}),
      }),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/metrics`;
  }

  it('sends a small exposition whole, with its Content-Length', async () => {
    const url = await storeListener(10);
    const response = await fetch(url);
    const body = await response.text();
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(body.split('\n').length).toBe(2 + 10 + 1);
  });

  it('streams a large exposition in chunks, the same bytes as rendered whole', async () => {
    const url = await storeListener(10_000);
    const response = await fetch(url);
    const body = await response.text();
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const store = new MetricStore({ seriesCap: 10_000, staleAfterMs: 60_000 });
    for (let index = 0; index < 10_000; index++) {
      setExporterGauge(store, 'g', 'A gauge', [['id', `series-${index}-${'x'.repeat(200)}`]], index);
    }
    expect(body).toBe((await renderExposition(store.snapshot(), 'prometheus')).body);
  });

  it('answers HEAD with the headers and an empty body, as before', async () => {
    const url = await storeListener(10_000);
    const response = await fetch(url, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('0');
  });
});
