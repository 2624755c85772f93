import { describe, expect, it } from 'vitest';
import { countExporterSeries } from '../store/exporter-series.js';
import { MetricStore } from '../store/metric-store.js';
import { StoreView } from './store-view.js';

const NOW = Date.UTC(2026, 11, 16);

/** A store whose label values need escaping, and names that prefix others (`type`, `token_type`). */
function view(): StoreView {
  const store = new MetricStore({ seriesCap: 100, staleAfterMs: 60_000 });
  const count = (labels: [string, string][], value: number) =>
    countExporterSeries(store, 'groq_tokens_total', 'test', labels, value);
  count(
    [
      ['model', 'a"b\\c\nd'],
      ['token_type', 'output'],
      ['type', 'input'],
    ],
    3,
  );
  count(
    [
      ['model', 'plain'],
      ['type', 'input'],
    ],
    4,
  );
  count([['type', 'output']], 5);
  const histograms = store.monotonicFamily('gen_ai_client_operation_duration', 'histogram', 'test', true);
  if (typeof histograms === 'string') throw new Error(histograms);
  for (const [model, sum] of [
    ['x,model="y', 1],
    ['y', 2],
  ] as const) {
    const series = store.monotonicSeries(histograms, [['gen_ai_request_model', model]], [1], true);
    if (typeof series === 'string') throw new Error(series);
    series.streamContribution('test', NOW)?.applyDelta([1, sum, 1, 0], NOW);
  }
  return new StoreView(store.snapshot());
}

describe('StoreView', () => {
  it('matches and groups on the label values read from the text, unescaped', () => {
    const store = view();
    expect(store.total('groq_tokens_total')).toBe(12);
    expect(store.total('groq_tokens_total', { type: 'input' })).toBe(7);
    expect(store.total('groq_tokens_total', { type: 'output' })).toBe(5);
    expect(store.total('groq_tokens_total', { model: 'a"b\\c\nd', type: 'input' })).toBe(3);
    expect(store.total('groq_tokens_total', { model: 'a"b\\c' })).toBe(0);
    expect(store.total('groq_tokens_total', { outcome: 'error' })).toBe(0);
    expect(store.total('absent_total')).toBe(0);
    expect(store.totalsBy('groq_tokens_total', 'model', { type: 'input' })).toEqual(
      new Map([
        ['a"b\\c\nd', 3],
        ['plain', 4],
      ]),
    );
    expect(store.totalsBy('groq_tokens_total', 'model').get('')).toBe(5);
  });

  it('parses a point’s labels when they are read', () => {
    const store = view();
    expect(store.values('groq_tokens_total').map((point) => ({ ...point }))).toEqual([
      { labels: { model: 'a"b\\c\nd', token_type: 'output', type: 'input' }, value: 3 },
      { labels: { model: 'plain', type: 'input' }, value: 4 },
      { labels: { type: 'output' }, value: 5 },
    ]);
    const [first] = store.histograms('gen_ai_client_operation_duration', {
      gen_ai_request_model: 'x,model="y',
    });
    expect(first && { ...first }).toEqual({
      labels: { gen_ai_request_model: 'x,model="y' },
      bounds: [1],
      count: 1,
      sum: 1,
      buckets: [1, 0],
    });
    expect(store.histograms('gen_ai_client_operation_duration', { model: 'y' })).toEqual([]);
    expect(store.histograms('gen_ai_client_operation_duration')).toHaveLength(2);
  });
});
