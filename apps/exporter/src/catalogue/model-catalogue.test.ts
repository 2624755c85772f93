import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { served } from '../../test/metrics-requests.js';
import { createLogger } from '../log/logger.js';
import { SelfMetrics } from '../self-metrics.js';
import { MetricStore } from '../store/metric-store.js';
import { ModelCataloguePoller } from './model-catalogue.js';

const MODELS = {
  object: 'list',
  data: [
    { id: 'openai/gpt-oss-120b', object: 'model', owned_by: 'OpenAI', active: true, context_window: 131072 },
    { id: 'whisper-large-v3', object: 'model', owned_by: 'OpenAI', active: false, context_window: 448 },
  ],
};

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A fake Groq API answering /openai/v1/models with whatever `respond` says. */
async function fakeGroq(
  respond: () => { status: number; body: unknown },
): Promise<{ baseUrl: string; auth: string[] }> {
  const auth: string[] = [];
  server = createServer((request, response) => {
    auth.push(request.headers.authorization ?? '');
    const { status, body } = request.url === '/openai/v1/models' ? respond() : { status: 404, body: {} };
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, auth };
}

function poller(baseUrl: string, logLines: string[] = []) {
  const store = new MetricStore({ seriesCap: 10, staleAfterMs: 1000 });
  const catalogue = new ModelCataloguePoller({
    apiKey: 'gsk_test_key',
    baseUrl,
    intervalMs: 60_000,
    store,
    selfMetrics: new SelfMetrics(store),
    logger: createLogger('warn', (line) => logLines.push(line)),
  });
  return { store, catalogue };
}

describe('ModelCataloguePoller', () => {
  it('serves groq_model_info for each listed model, authenticating with the key', async () => {
    const { baseUrl, auth } = await fakeGroq(() => ({ status: 200, body: MODELS }));
    const { store, catalogue } = poller(baseUrl);
    expect(await catalogue.poll()).toBe(true);
    expect(auth).toEqual(['Bearer gsk_test_key']);
    expect(served(store, 'groq_model_info')).toEqual([
      {
        labels: { active: 'true', context_window: '131072', id: 'openai/gpt-oss-120b', owned_by: 'OpenAI' },
        value: 1,
      },
      {
        labels: { active: 'false', context_window: '448', id: 'whisper-large-v3', owned_by: 'OpenAI' },
        value: 1,
      },
    ]);
    expect(served(store, 'groqmeter_exporter_catalogue_polls_total')).toEqual([
      { labels: { outcome: 'success' }, value: [1] },
    ]);
  });

  it('keeps the last list when a poll fails, and logs without the key', async () => {
    let status = 200;
    const { baseUrl } = await fakeGroq(() => ({ status, body: status === 200 ? MODELS : { error: 'down' } }));
    const logLines: string[] = [];
    const { store, catalogue } = poller(baseUrl, logLines);
    await catalogue.poll();
    status = 503;
    expect(await catalogue.poll()).toBe(false);
    expect(served(store, 'groq_model_info')).toHaveLength(2);
    expect(served(store, 'groqmeter_exporter_catalogue_polls_total')).toEqual([
      { labels: { outcome: 'success' }, value: [1] },
      { labels: { outcome: 'failure' }, value: [1] },
    ]);
    expect(logLines).toHaveLength(1);
    const { time: _time, ...line } = JSON.parse(logLines[0]!);
    expect(line).toEqual({
      level: 'warn',
      msg: 'model catalogue poll failed; keeping the last list',
      url: `${baseUrl}/openai/v1/models`,
      error: 'HTTP 503',
    });
    expect(logLines[0]).not.toContain('gsk_test_key');
  });

  it('replaces the list on the next successful poll', async () => {
    let body: unknown = MODELS;
    const { baseUrl } = await fakeGroq(() => ({ status: 200, body }));
    const { store, catalogue } = poller(baseUrl);
    await catalogue.poll();
    body = {
      data: [{ id: 'qwen/qwen3.6-27b', owned_by: 'Alibaba Cloud', active: true, context_window: 131072 }],
    };
    await catalogue.poll();
    expect(served(store, 'groq_model_info').map((row) => row.labels.id)).toEqual(['qwen/qwen3.6-27b']);
  });
});
