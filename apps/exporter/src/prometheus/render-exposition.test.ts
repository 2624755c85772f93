import { describe, expect, it } from 'vitest';
import { countExporterSeries, setExporterGauge } from '../store/exporter-series.js';
import { MetricStore } from '../store/metric-store.js';
import { renderExposition } from './render-exposition.js';

function storeWithOneOfEach(): MetricStore {
  const store = new MetricStore({ seriesCap: 10, staleAfterMs: 1000 });
  countExporterSeries(store, 'groq_cost_usd_total', 'Cost in USD', [['model', 'm "1"']], 0.25);
  setExporterGauge(store, 'groq_ratelimit_remaining', '', [['model', 'm']], 42);
  const histogram = store.monotonicFamily('latency', 'histogram', 'Latency\nin seconds');
  if (typeof histogram === 'string') throw new Error(histogram);
  const series = store.monotonicSeries(histogram, [['model', 'm']], [0.5, 1]);
  if (typeof series === 'string') throw new Error(series);
  series.streamContribution('a', 0)!.applyDelta([3, 1.75, 1, 2, 0], 0);
  return store;
}

describe('renderExposition', () => {
  it('renders the Prometheus text format with cumulative buckets and exporter-prometheus le values', async () => {
    const exposition = await renderExposition(storeWithOneOfEach().snapshot(), 'prometheus');
    expect(exposition.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(exposition.body).toBe(
      [
        '# HELP groq_cost_usd_total Cost in USD',
        '# TYPE groq_cost_usd_total counter',
        'groq_cost_usd_total{model="m \\"1\\""} 0.25',
        '',
        '# HELP groq_ratelimit_remaining description missing',
        '# TYPE groq_ratelimit_remaining gauge',
        'groq_ratelimit_remaining{model="m"} 42',
        '',
        '# HELP latency Latency\\nin seconds',
        '# TYPE latency histogram',
        'latency_bucket{model="m",le="0.5"} 1',
        'latency_bucket{model="m",le="1"} 3',
        'latency_bucket{model="m",le="+Inf"} 3',
        'latency_sum{model="m"} 1.75',
        'latency_count{model="m"} 3',
        '',
      ].join('\n'),
    );
  });

  it('renders OpenMetrics with counter families named without _total and samples with it', async () => {
    const exposition = await renderExposition(storeWithOneOfEach().snapshot(), 'openmetrics');
    expect(exposition.contentType).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(exposition.body.split('\n').slice(0, 3)).toEqual([
      '# HELP groq_cost_usd Cost in USD',
      '# TYPE groq_cost_usd counter',
      'groq_cost_usd_total{model="m \\"1\\""} 0.25',
    ]);
    expect(exposition.body.endsWith('latency_count{model="m"} 3\n# EOF\n')).toBe(true);
  });

  it('renders the same counter name in the text format after an OpenMetrics render', async () => {
    const store = storeWithOneOfEach();
    await renderExposition(store.snapshot(), 'openmetrics');
    const text = await renderExposition(store.snapshot(), 'prometheus');
    expect(text.body).toContain('\ngroq_cost_usd_total{model="m \\"1\\""} 0.25\n');
  });

  it('leaves out _sum for histograms that arrived without one', async () => {
    const store = new MetricStore({ seriesCap: 10, staleAfterMs: 1000 });
    const family = store.monotonicFamily('h', 'histogram', 'h');
    if (typeof family === 'string') throw new Error(family);
    const series = store.monotonicSeries(family, [], []);
    if (typeof series === 'string') throw new Error(series);
    series.sumKnown = false;
    series.streamContribution('a', 0)!.applyDelta([2, 0, 2], 0);
    const { body } = await renderExposition(store.snapshot(), 'prometheus');
    expect(body).toBe('# HELP h h\n# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_count 2\n');
  });
});
