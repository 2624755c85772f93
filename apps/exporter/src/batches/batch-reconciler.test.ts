import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecorder } from '@groqmeter/recorder';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { BatchAttributions } from './batch-attribution.js';
import { type BatchDropReason, BatchReconciler } from './batch-reconciler.js';
import { MeteredBatches } from './metered-batches.js';

const API_KEY = 'gsk_test_never_logged_0123456789';

function line(
  customId: string,
  status: number,
  usage?: { prompt_tokens: number; completion_tokens: number },
) {
  return JSON.stringify({
    id: `batch_req_${customId}`,
    custom_id: customId,
    response: {
      status_code: status,
      request_id: `req_${customId}`,
      body:
        status === 200
          ? {
              id: `chatcmpl-${customId}`,
              object: 'chat.completion',
              model: 'openai/gpt-oss-20b',
              choices: [],
              usage,
            }
          : { error: { message: 'bad request', type: 'invalid_request_error' } },
    },
    error: null,
  });
}

/** Groq's shapes: one completed batch of 3 lines (2 billed, 1 failed), one still in progress. */
const OUTPUT = [
  line('r1', 200, { prompt_tokens: 1000, completion_tokens: 400 }),
  line('r2', 200, { prompt_tokens: 3000, completion_tokens: 600 }),
  line('r3', 400),
].join('\n');

let server: Server;
let baseUrl: string;
let directory: string;
const requests: string[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-reconciler-'));
  server = createServer((request, response) => {
    requests.push(`${request.url} ${request.headers.authorization === `Bearer ${API_KEY}`}`);
    if (request.url === '/openai/v1/batches') {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          object: 'list',
          data: [
            {
              id: 'batch_01done',
              object: 'batch',
              endpoint: '/v1/chat/completions',
              status: 'completed',
              input_file_id: 'file_in',
              output_file_id: 'file_out',
              error_file_id: 'file_err',
              completed_at: 1764590400,
              request_counts: { total: 3, completed: 2, failed: 1 },
              metadata: { feature: 'nightly-eval', secret_note: 'not allow-listed' },
            },
            {
              id: 'batch_02running',
              object: 'batch',
              status: 'in_progress',
              endpoint: '/v1/chat/completions',
            },
          ],
        }),
      );
      return;
    }
    // A list in pages (the OpenAI list shape): the completed batch is on the second page only.
    if (request.url === '/paged/openai/v1/batches') {
      response.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: 'batch_03running', object: 'batch', status: 'in_progress' }],
          has_more: true,
          last_id: 'batch_03running',
        }),
      );
      return;
    }
    if (request.url === '/paged/openai/v1/batches?after=batch_03running') {
      response.end(
        JSON.stringify({
          object: 'list',
          data: [
            {
              id: 'batch_04paged',
              object: 'batch',
              endpoint: '/v1/chat/completions',
              status: 'completed',
              output_file_id: 'file_out',
              completed_at: 1764590400,
            },
          ],
          has_more: false,
        }),
      );
      return;
    }
    if (request.url?.replace(/^\/paged/, '') === '/openai/v1/files/file_out/content') {
      response.end(OUTPUT);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await rm(directory, { recursive: true, force: true });
});

function harness(statePath: string, groqBaseUrl = baseUrl) {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const metrics = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const logs: string[] = [];
  const drops: [BatchDropReason, number][] = [];
  const attributions = new BatchAttributions(100);
  const reconciler = new BatchReconciler({
    api: { apiKey: API_KEY, baseUrl: groqBaseUrl, timeoutMs: 5000, maxFileBytes: 1024 * 1024 },
    recorder: createRecorder({ tracerProvider, meterProvider, baselines: false }),
    flush: () => reader.forceFlush(),
    metered: new MeteredBatches(statePath, 1000),
    attributions,
    metadataKeys: new Set(['feature', 'platform', 'tenant_tier']),
    maxBatchesPerPoll: 10,
    intervalMs: 60_000,
    dropped: (reason, count) => drops.push([reason, count]),
    logger: createLogger('info', (text) => logs.push(text)),
  });
  const costPoints = () =>
    metrics
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((scope) => scope.metrics)
      .filter((metric) => metric.descriptor.name === 'groq.cost.usd')
      .flatMap((metric) => metric.dataPoints.map((point) => [point.attributes, point.value]));
  return { reconciler, spans, costPoints, logs, drops, attributions };
}

describe('BatchReconciler', () => {
  it('meters a completed batch once, at the batch price, attributed from metadata and the create span', async () => {
    const statePath = join(directory, 'batches.json');
    const first = harness(statePath);
    first.attributions.observeSpan({
      'gen_ai.operation.name': 'batch',
      'gen_ai.response.id': 'batch_01done',
      'gen_ai.provider.name': 'groq',
      'user.id': 'u-42',
      tenant_tier: 'gold',
    });
    expect(await first.reconciler.poll()).toBe(1);
    const spans = first.spans.getFinishedSpans().map((span) => span.attributes);
    expect(spans.map((attributes) => [attributes['groq.cost.quanta'], attributes['groq.batch']])).toEqual([
      // 1000 × 135e9 + 400 × 540e9 quanta (0.0375 and 0.15 USD per 1M at 3.6e18 quanta per USD)
      ['351000000000000', true],
      // 3000 × 135e9 + 600 × 540e9
      ['729000000000000', true],
    ]);
    expect(spans[0]).toMatchObject({
      'groq.cost.usd': '0.000097500000',
      'groq.batch.id': 'batch_01done',
      'groqmeter.source': 'groq-batch',
      'gen_ai.response.model': 'openai/gpt-oss-20b',
      'gen_ai.response.id': 'chatcmpl-r1',
      feature: 'nightly-eval',
      'user.id': 'u-42',
      tenant_tier: 'gold',
    });
    expect(spans[0]).not.toHaveProperty('secret_note');
    expect(spans[1]?.['groq.cost.usd']).toBe('0.000202500000');
    // 0.0000975 + 0.0002025 = 0.0003 USD in all: 0.00015 of input, 0.00015 of output.
    expect(first.costPoints()).toEqual([
      [
        {
          feature: 'nightly-eval',
          tenant_tier: 'gold',
          model: 'openai/gpt-oss-20b',
          operation: 'chat',
          provider: 'groq',
          service_tier: 'on_demand',
          batch: 'true',
          component: 'input',
        },
        0.00015,
      ],
      [
        {
          feature: 'nightly-eval',
          tenant_tier: 'gold',
          model: 'openai/gpt-oss-20b',
          operation: 'chat',
          provider: 'groq',
          service_tier: 'on_demand',
          batch: 'true',
          component: 'output',
        },
        // The counter adds the lines' output costs as doubles: 0.00006 + 0.00009.
        0.00006 + 0.00009,
      ],
    ]);
    expect(first.drops).toEqual([]);

    // A restarted exporter (same state file) does not meter the batch again.
    const restarted = harness(statePath);
    expect(await restarted.reconciler.poll()).toBe(0);
    expect(restarted.spans.getFinishedSpans()).toEqual([]);
    expect(requests.filter((request) => request.startsWith('/openai/v1/files/'))).toEqual([
      '/openai/v1/files/file_out/content true',
    ]);
    expect([...first.logs, ...restarted.logs].some((text) => text.includes(API_KEY))).toBe(false);
  });

  it('follows a list that says has_more to its next page', async () => {
    const paged = harness(join(directory, 'paged.json'), `${baseUrl}/paged`);
    expect(await paged.reconciler.poll()).toBe(1);
    expect(paged.spans.getFinishedSpans().map((span) => span.attributes['groq.batch.id'])).toEqual([
      'batch_04paged',
      'batch_04paged',
    ]);
    expect(paged.drops).toEqual([]);
  });

  it('counts a failed poll and never puts the key in the log', async () => {
    const broken = harness(join(directory, 'broken.json'));
    const reconciler = new BatchReconciler({
      ...(broken.reconciler as unknown as { options: ConstructorParameters<typeof BatchReconciler>[0] })
        .options,
      api: { apiKey: API_KEY, baseUrl: `${baseUrl}/nowhere`, timeoutMs: 5000, maxFileBytes: 1024 },
    });
    expect(await reconciler.poll()).toBe(0);
    expect(broken.drops).toEqual([['batch_poll_failed', 1]]);
    expect(broken.logs.join('\n')).toContain('GET /openai/v1/batches answered HTTP 404');
    expect(broken.logs.join('\n')).not.toContain(API_KEY);
  });
});
