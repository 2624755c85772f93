import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningExporter, startExporter } from '../src/index.js';
import { samplesOf, scrape } from './exposition.js';
import { OPERATION_SECONDS_BUCKETS, type OtelApp, otelApp } from './otel-app.js';

let exporter: RunningExporter;
beforeAll(async () => {
  exporter = await startExporter({ otlpPort: 0, metricsPort: 0, logLevel: 'silent' });
});
afterAll(() => exporter.close());

const SCOPE = { otel_scope_name: '@groqmeter/recorder', otel_scope_version: '0.1.0' };
const COST_ATTRIBUTES = {
  model: 'openai/gpt-oss-20b',
  operation: 'chat',
  component: 'input',
  service_tier: 'on_demand',
  batch: 'false',
  feature: 'search',
};

describe.each(['json', 'protobuf'] as const)('real OTel SDK pushing OTLP/%s', (protocol) => {
  const job = `sdk-${protocol}`;

  it('serves counters, histograms and gauges with the contract names, labels and exact values', async () => {
    const app = otelApp({
      url: exporter.otlpUrl,
      protocol,
      resource: { 'service.name': job, 'service.instance.id': 'pod-1' },
    });
    const cost = app.meter.createCounter('groq.cost.usd', { description: 'Cost in USD', unit: 'USD' });
    const duration = app.meter.createHistogram('gen_ai.client.operation.duration', {
      description: 'GenAI operation duration',
      unit: 's',
      advice: { explicitBucketBoundaries: OPERATION_SECONDS_BUCKETS },
    });
    const remaining = app.meter.createGauge('groq.ratelimit.remaining', {
      description: 'Remaining rate limit',
    });
    cost.add(0.000375, COST_ATTRIBUTES);
    cost.add(0.000012, COST_ATTRIBUTES);
    for (const seconds of [0.015, 0.3, 0.3, 3]) {
      duration.record(seconds, {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'openai/gpt-oss-20b',
      });
    }
    remaining.record(14_399, { model: 'openai/gpt-oss-20b', resource: 'requests' });
    await app.flush();

    const { samples } = await scrape(exporter.metricsUrl);
    const target = { job, instance: 'pod-1', ...SCOPE };
    const [costSample] = samplesOf(samples, 'groq_cost_usd_total', { job });
    expect(costSample!.labels).toEqual({ ...target, ...COST_ATTRIBUTES });
    expect(costSample!.value).toBeCloseTo(0.000387, 9);

    const durationLabels = {
      ...target,
      gen_ai_operation_name: 'chat',
      gen_ai_request_model: 'openai/gpt-oss-20b',
    };
    const buckets = samplesOf(samples, 'gen_ai_client_operation_duration_bucket', { job });
    expect(buckets.map((bucket) => [bucket.labels.le, bucket.value])).toEqual([
      ['0.01', 0],
      ['0.02', 1],
      ['0.04', 1],
      ['0.08', 1],
      ['0.16', 1],
      ['0.32', 3],
      ['0.64', 3],
      ['1.28', 3],
      ['2.56', 3],
      ['5.12', 4],
      ['10.24', 4],
      ['20.48', 4],
      ['40.96', 4],
      ['81.92', 4],
      ['+Inf', 4],
    ]);
    expect(buckets[0]!.labels).toEqual({ ...durationLabels, le: '0.01' });
    expect(samplesOf(samples, 'gen_ai_client_operation_duration_count', { job })).toEqual([
      { name: 'gen_ai_client_operation_duration_count', labels: durationLabels, value: 4 },
    ]);
    expect(samplesOf(samples, 'gen_ai_client_operation_duration_sum', { job })[0]!.value).toBeCloseTo(
      3.615,
      9,
    );
    expect(samplesOf(samples, 'groq_ratelimit_remaining', { job })).toEqual([
      {
        name: 'groq_ratelimit_remaining',
        labels: { ...target, model: 'openai/gpt-oss-20b', resource: 'requests' },
        value: 14_399,
      },
    ]);
    await app.shutdown();
  });

  it('sums delta pushes into a cumulative counter', async () => {
    const app = otelApp({
      url: exporter.otlpUrl,
      protocol,
      resource: { 'service.name': `${job}-delta` },
      temporality: 'delta',
      gzip: true,
    });
    const tokens = app.meter.createCounter('groq.tokens', { description: 'Tokens' });
    const attributes = { model: 'openai/gpt-oss-20b', operation: 'chat', type: 'output' };
    tokens.add(120, attributes);
    await app.flush();
    tokens.add(80, attributes);
    await app.flush();
    await app.flush();
    const { samples } = await scrape(exporter.metricsUrl);
    expect(samplesOf(samples, 'groq_tokens_total', { job: `${job}-delta` })).toEqual([
      {
        name: 'groq_tokens_total',
        labels: { job: `${job}-delta`, ...SCOPE, ...attributes },
        value: 200,
      },
    ]);
    await app.shutdown();
  });

  it('keeps a counter shared by instances monotonic when one restarts', async () => {
    const resource = (pid: string) => ({ 'service.name': `${job}-shared`, 'process.pid': pid });
    const attributes = { model: 'openai/gpt-oss-20b', operation: 'chat', outcome: 'success' };
    const count = async (app: OtelApp, times: number) => {
      const requests = app.meter.createCounter('groq.requests', { description: 'Requests' });
      for (let index = 0; index < times; index++) requests.add(1, attributes);
      await app.flush();
    };
    const served = async () =>
      samplesOf((await scrape(exporter.metricsUrl)).samples, 'groq_requests_total', {
        job: `${job}-shared`,
      }).map((sample) => sample.value);

    const first = otelApp({ url: exporter.otlpUrl, protocol, resource: resource('1') });
    const second = otelApp({ url: exporter.otlpUrl, protocol, resource: resource('2') });
    await count(first, 5);
    await count(second, 3);
    expect(await served()).toEqual([8]);

    // The first instance restarts with the same resource: a new SDK, counting from zero again.
    await first.shutdown();
    const restarted = otelApp({ url: exporter.otlpUrl, protocol, resource: resource('1') });
    await count(restarted, 2);
    expect(await served()).toEqual([10]);
    await count(second, 1);
    expect(await served()).toEqual([11]);
    await Promise.all([second.shutdown(), restarted.shutdown()]);
  });
});

describe('central pricing with the real SDK', () => {
  it('prices token counts pushed without cost, to the nano-dollar', async () => {
    const app = otelApp({
      url: exporter.otlpUrl,
      protocol: 'protobuf',
      resource: { 'service.name': 'no-price-table' },
    });
    const tokens = app.meter.createCounter('groq.tokens', { description: 'Tokens' });
    const base = { model: 'openai/gpt-oss-120b', operation: 'chat' };
    tokens.add(12_345, { ...base, type: 'input' });
    tokens.add(2_345, { ...base, type: 'cached_input' });
    tokens.add(678, { ...base, type: 'output' });
    await app.flush();
    const { samples } = await scrape(exporter.metricsUrl);
    const cost = samplesOf(samples, 'groq_cost_usd_total', { job: 'no-price-table' });
    expect(cost.map((sample) => [sample.labels.component, sample.value])).toEqual([
      ['input', 0.0015],
      ['cached_input', 0.000175875],
      ['output', 0.0004068],
    ]);
    expect(cost[0]!.labels).toEqual({
      job: 'no-price-table',
      ...SCOPE,
      ...base,
      component: 'input',
      service_tier: 'on_demand',
      batch: 'false',
    });
    await app.shutdown();
  });
});
