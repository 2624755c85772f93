import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningExporter, startExporter } from '../src/index.js';
import { scrape } from './exposition.js';
import { otelApp } from './otel-app.js';
import { type RunningPrometheus, startPrometheus } from './prometheus.js';

const SCRAPE_TOKEN = 'prometheus-scrape-token';
let exporter: RunningExporter;
let prometheus: RunningPrometheus;

beforeAll(async () => {
  exporter = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    scrapeToken: SCRAPE_TOKEN,
    logLevel: 'silent',
  });
  prometheus = await startPrometheus(inject('prometheusBinary'), [
    {
      jobName: 'groqmeter-exporter',
      address: new URL(exporter.metricsUrl).host,
      honorLabels: true,
      bearerToken: SCRAPE_TOKEN,
    },
  ]);
  await prometheus.waitForTargetsUp();
});

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.close();
});

describe('a real Prometheus scraping the exporter', () => {
  it('returns the pushed cost, summed over instances and central pricing, from PromQL', async () => {
    const instance = (id: string) =>
      otelApp({
        url: exporter.otlpUrl,
        protocol: id === 'a' ? 'json' : 'protobuf',
        resource: { 'service.name': 'chat-api', 'service.instance.id': id },
      });
    const [a, b, legacy] = [instance('a'), instance('b'), instance('legacy')];
    const cost = {
      model: 'openai/gpt-oss-20b',
      operation: 'chat',
      service_tier: 'on_demand',
      batch: 'false',
    };
    a.meter
      .createCounter('groq.cost.usd', { description: 'Cost' })
      .add(0.0125, { ...cost, component: 'input' });
    a.meter
      .createCounter('groq.cost.usd', { description: 'Cost' })
      .add(0.05, { ...cost, component: 'output' });
    b.meter
      .createCounter('groq.cost.usd', { description: 'Cost' })
      .add(0.000375, { ...cost, component: 'input' });
    // An app without a price table: the exporter prices 1M input tokens of gpt-oss-120b at $0.15.
    legacy.meter
      .createCounter('groq.tokens', { description: 'Tokens' })
      .add(1_000_000, { model: 'openai/gpt-oss-120b', operation: 'chat', type: 'input' });
    await Promise.all([a.flush(), b.flush(), legacy.flush()]);
    await Promise.all([a.shutdown(), b.shutdown(), legacy.shutdown()]);

    const expected = 0.0125 + 0.05 + 0.000375 + 0.15;
    const [total] = await prometheus.waitForQuery(
      'sum(groq_cost_usd_total)',
      (result) => result.length === 1 && Math.abs(result[0]!.value - expected) < 1e-9,
    );
    expect(total!.value).toBeCloseTo(0.212875, 9);
    const byInstance = await prometheus.query('sum by (job, instance) (groq_cost_usd_total)');
    expect(
      byInstance
        .map(({ metric, value }) => [metric.job, metric.instance, Number(value.toFixed(9))])
        .sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    ).toEqual([
      ['chat-api', 'a', 0.0625],
      ['chat-api', 'b', 0.000375],
      ['chat-api', 'legacy', 0.15],
    ]);
  });

  it('stores the same series names from its OpenMetrics scrape as the text format serves', async () => {
    const stored = await prometheus.waitForQuery(
      'count by (__name__) ({__name__=~"groq_.+|gen_ai_.+|target_info"})',
      (result) => result.some(({ metric }) => metric.__name__ === 'groq_tokens_total'),
    );
    const { samples } = await scrape(exporter.metricsUrl, { authorization: `Bearer ${SCRAPE_TOKEN}` });
    const served = [
      ...new Set(
        samples.map((sample) => sample.name).filter((name) => /^(groq_|gen_ai_|target_info)/.test(name)),
      ),
    ];
    expect(stored.map(({ metric }) => metric.__name__).sort()).toEqual(served.sort());
    const up = await prometheus.query('up{job="groqmeter-exporter"}');
    expect(up.map(({ value }) => value)).toEqual([1]);
  });
});
