import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningExporter, startExporter } from '../src/index.js';
import { scrape } from './exposition.js';
import { OPERATION_SECONDS_BUCKETS, type OtelApp, otelApp } from './otel-app.js';
import { promtoolCheckMetrics } from './promtool.js';

const TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
const SERVER_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Records one operation on every instrument of the telemetry contract (docs/telemetry.md). */
function recordContractInstruments(app: OtelApp): void {
  const { meter } = app;
  const model = 'openai/gpt-oss-20b';
  const semconv = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'groq',
    'gen_ai.request.model': model,
    'gen_ai.response.model': model,
    'server.address': 'api.groq.com',
    'server.port': 443,
  };
  const seconds = { unit: 's', advice: { explicitBucketBoundaries: OPERATION_SECONDS_BUCKETS } };
  const server = { unit: 's', advice: { explicitBucketBoundaries: SERVER_SECONDS_BUCKETS } };
  meter
    .createHistogram('gen_ai.client.token.usage', {
      description: 'Tokens used',
      unit: '{token}',
      advice: { explicitBucketBoundaries: TOKEN_BUCKETS },
    })
    .record(1200, { ...semconv, 'gen_ai.token.type': 'input' });
  meter
    .createHistogram('gen_ai.client.operation.duration', { description: 'Duration', ...seconds })
    .record(0.42, semconv);
  meter
    .createHistogram('gen_ai.client.operation.time_to_first_chunk', { description: 'TTFT', ...seconds })
    .record(0.05, semconv);
  meter
    .createCounter('groq.tokens', { description: 'Tokens by type' })
    .add(1200, { model, operation: 'chat', type: 'input' });
  meter.createCounter('groq.cost.usd', { description: 'Cost in USD' }).add(0.00009, {
    model,
    operation: 'chat',
    component: 'input',
    service_tier: 'on_demand',
    batch: 'false',
  });
  meter.createCounter('groq.cost.baseline.usd', { description: 'Baseline cost in USD' }).add(0.003, {
    baseline_model: 'gpt-4o',
    model,
    operation: 'chat',
  });
  meter.createCounter('groq.requests', { description: 'Requests' }).add(1, {
    model,
    operation: 'chat',
    outcome: 'success',
    error_type: '',
    status_code: '',
  });
  meter
    .createGauge('groq.ratelimit.limit', { description: 'Limit' })
    .record(14400, { model, resource: 'requests' });
  meter
    .createGauge('groq.ratelimit.remaining', { description: 'Remaining' })
    .record(14399, { model, resource: 'requests' });
  meter
    .createGauge('groq.ratelimit.reset.seconds', { description: 'Reset', unit: 's' })
    .record(179.56, { model, resource: 'tokens' });
  meter.createCounter('groq.ratelimit.hits', { description: '429 responses' }).add(1, { model });
  meter
    .createHistogram('groq.retry_after.seconds', { description: 'retry-after', unit: 's' })
    .record(2, { model });
  meter
    .createHistogram('groq.server.queue_time.seconds', { description: 'Queue time', ...server })
    .record(0.002, { model, operation: 'chat' });
  meter
    .createHistogram('groq.server.output_tokens_per_second', {
      description: 'Output tokens/s',
      unit: '{token}/s',
    })
    .record(950, { model });
  meter.createCounter('groq.audio.billed.seconds', { description: 'Audio seconds', unit: 's' }).add(10, {
    model: 'whisper-large-v3-turbo',
    operation: 'transcription',
  });
  meter
    .createCounter('groq.speech.characters', { description: 'TTS characters' })
    .add(120, { model: 'canopylabs/orpheus-v1-english' });
  meter
    .createCounter('groq.tool.calls', { description: 'Tool calls' })
    .add(1, { tool: 'web_search', model: 'groq/compound' });
  meter
    .createCounter('groqmeter.dropped', { description: 'Dropped telemetry' })
    .add(1, { reason: 'usage_missing' });
}

let exporter: RunningExporter;
beforeAll(async () => {
  exporter = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    logLevel: 'silent',
    budgets: [{ scope: 'feature=team-a', period: 'month', usd: 500 }],
  });
  const app = otelApp({
    url: exporter.otlpUrl,
    protocol: 'protobuf',
    resource: { 'service.name': 'chat-api', 'service.instance.id': 'pod-1', 'host.name': 'node-1' },
  });
  recordContractInstruments(app);
  await app.flush();
  await app.shutdown();
});
afterAll(() => exporter.close());

describe('promtool check metrics', () => {
  it('finds nothing to complain about in the Prometheus text format', async () => {
    const { text } = await scrape(exporter.metricsUrl);
    expect(text).toContain('groq_cost_usd_total{');
    expect(text).toContain(
      'groqmeter_budget_usd{budget="feature-team-a-month",enforce="false",period="month",scope="feature=team-a"} 500',
    );
    expect(promtoolCheckMetrics(inject('promtoolBinary'), text)).toEqual({ status: 0, problems: [] });
  });

  it('finds nothing to complain about in OpenMetrics beyond its text-only parser not knowing OpenMetrics counters', async () => {
    const { text } = await scrape(exporter.metricsUrl, {
      accept: 'application/openmetrics-text; version=1.0.0',
    });
    const counterFamilies = [...text.matchAll(/^# TYPE (\S+) counter$/gm)].map((match) => match[1]!);
    expect(counterFamilies).toContain('groq_cost_usd');
    // promtool 2.x lints with the Prometheus text parser, which expects a counter's HELP line to
    // carry the sample name (`x_total`); OpenMetrics requires the family name (`x`) there. Every
    // other rule is applied to the OpenMetrics body as well, and must pass.
    expect(promtoolCheckMetrics(inject('promtoolBinary'), text)).toEqual({
      status: 3,
      problems: counterFamilies.map((family) => `${family}_total no help text`).sort(),
    });
  });
});
