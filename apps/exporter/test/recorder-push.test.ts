import type { PriceBook } from '@groqmeter/pricing';
import { createRecorder } from '@groqmeter/recorder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningExporter, startExporter } from '../src/index.js';
import { samplesOf, scrape } from './exposition.js';
import { otelApp } from './otel-app.js';

/** A price table that knows no model: an app on an outdated table. */
const EMPTY_PRICE_BOOK: PriceBook = {
  price: (model) => ({ known: false, requestedModel: model, reason: 'not in this table' }),
  priceBaseline: (_operation, _usage, model = 'gpt-4o') => ({
    known: false,
    requestedModel: model,
    reason: 'none',
  }),
  resolve: () => undefined,
  models: () => [],
};

let exporter: RunningExporter;
beforeAll(async () => {
  exporter = await startExporter({ otlpPort: 0, metricsPort: 0, logLevel: 'silent' });
});
afterAll(() => exporter.close());

/** Records one chat operation through the real recorder and pushes it over OTLP/protobuf. */
async function recordChat(
  job: string,
  priceBook?: PriceBook,
  served: { provider: 'groq' | 'openai'; model: string } = { provider: 'groq', model: 'openai/gpt-oss-20b' },
): Promise<void> {
  const app = otelApp({ url: exporter.otlpUrl, protocol: 'protobuf', resource: { 'service.name': job } });
  const recorder = createRecorder({
    meter: app.meter,
    baselines: false,
    ...(priceBook ? { priceBook } : {}),
  });
  const operation = recorder.start({
    operation: 'chat',
    source: served.provider === 'groq' ? 'groq-sdk' : 'openai',
    provider: served.provider,
    requestModel: served.model,
  });
  operation.end({ responseModel: served.model, usage: { inputTokens: 1000, outputTokens: 200 } });
  await app.flush();
  await app.shutdown();
}

function costByComponent(samples: Awaited<ReturnType<typeof scrape>>['samples'], job: string) {
  return Object.fromEntries(
    samplesOf(samples, 'groq_cost_usd_total', { job }).map((sample) => [
      sample.labels.component,
      sample.value,
    ]),
  );
}

describe('the groqmeter recorder pushing to the exporter', () => {
  it('arrives under the contract names, with the cost the app priced and nothing priced twice', async () => {
    await recordChat('recorder-priced');
    const { samples } = await scrape(exporter.metricsUrl);
    const names = new Set(
      samples.filter((sample) => sample.labels.job === 'recorder-priced').map((sample) => sample.name),
    );
    for (const name of [
      'groq_tokens_total',
      'groq_cost_usd_total',
      'groq_requests_total',
      'gen_ai_client_operation_duration_bucket',
      'gen_ai_client_token_usage_bucket',
    ]) {
      expect(names).toContain(name);
    }
    expect(costByComponent(samples, 'recorder-priced')).toEqual({ input: 0.000075, output: 0.00006 });
  });

  it('gets its cost from the exporter when the app has no price for the model', async () => {
    await recordChat('recorder-unpriced', EMPTY_PRICE_BOOK);
    const { samples } = await scrape(exporter.metricsUrl);
    expect(costByComponent(samples, 'recorder-unpriced')).toEqual({ input: 0.000075, output: 0.00006 });
    const [input] = samplesOf(samples, 'groq_cost_usd_total', {
      job: 'recorder-unpriced',
      component: 'input',
    });
    // The same label set as the recorder's own cost series.
    expect(input!.labels).toEqual({
      job: 'recorder-unpriced',
      otel_scope_name: '@groqmeter/recorder',
      otel_scope_version: '0.1.0',
      model: 'openai/gpt-oss-20b',
      operation: 'chat',
      provider: 'groq',
      component: 'input',
      service_tier: 'on_demand',
      batch: 'false',
    });
  });

  it('prices OpenAI usage on the OpenAI catalogue, under provider="openai" and its default tier', async () => {
    await recordChat('recorder-openai', EMPTY_PRICE_BOOK, { provider: 'openai', model: 'gpt-4.1-mini' });
    const { samples } = await scrape(exporter.metricsUrl);
    // 1,000 × $0.40/1M = $0.0004; 200 × $1.60/1M = $0.00032
    expect(costByComponent(samples, 'recorder-openai')).toEqual({ input: 0.0004, output: 0.00032 });
    const [input] = samplesOf(samples, 'groq_cost_usd_total', { job: 'recorder-openai', component: 'input' });
    expect(input!.labels).toMatchObject({
      provider: 'openai',
      service_tier: 'default',
      model: 'gpt-4.1-mini',
    });
  });
});
