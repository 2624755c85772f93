import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import type { Exposition } from '../prometheus/render-exposition.js';
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
    return { contentType: 'text/plain', body: 'up 1\n' };
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
