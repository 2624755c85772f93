import { describe, expect, it } from 'vitest';
import { MetricStore } from './metric-store.js';
import { MAX_DORMANT_CONTRIBUTIONS } from './series.js';

const STALE_MS = 1000;

function newStore(seriesCap = 10) {
  return new MetricStore({ seriesCap, staleAfterMs: STALE_MS });
}

describe('MetricStore families and series', () => {
  it('refuses a family name already used by another kind', () => {
    const store = newStore();
    expect(store.monotonicFamily('x_total', 'counter', 'x')).not.toBe('type_conflict');
    expect(store.gaugeFamily('x_total', 'gauge', 'x')).toBe('type_conflict');
    expect(store.monotonicFamily('x_total', 'histogram', 'x')).toBe('type_conflict');
  });

  it('keeps the first non-empty help text', () => {
    const store = newStore();
    store.gaugeFamily('g', 'gauge', '');
    store.gaugeFamily('g', 'gauge', 'first');
    const family = store.gaugeFamily('g', 'gauge', 'second');
    expect(typeof family !== 'string' && family.help).toBe('first');
  });

  it('refuses new label sets past the series cap, but not existing ones nor exporter-owned ones', () => {
    const store = newStore(2);
    const family = store.monotonicFamily('c_total', 'counter', 'c');
    if (typeof family === 'string') throw new Error(family);
    expect(store.monotonicSeries(family, [['a', '1']])).not.toBe('series_cap');
    expect(store.monotonicSeries(family, [['a', '2']])).not.toBe('series_cap');
    expect(store.monotonicSeries(family, [['a', '3']])).toBe('series_cap');
    expect(store.monotonicSeries(family, [['a', '1']])).not.toBe('series_cap');
    expect(store.monotonicSeries(family, [['a', '3']], [], true)).not.toBe('series_cap');
    expect(store.seriesCount()).toBe(3);
  });

  it('fixes histogram bounds with the first point of a series', () => {
    const store = newStore();
    const family = store.monotonicFamily('h', 'histogram', 'h');
    if (typeof family === 'string') throw new Error(family);
    const series = store.monotonicSeries(family, [], [1, 2]);
    expect(typeof series !== 'string' && series.width).toBe(5);
    expect(store.monotonicSeries(family, [], [1, 2])).toBe(series);
    expect(store.monotonicSeries(family, [], [1, 5])).toBe('bucket_mismatch');
  });

  it('lets histogram series with equal bounds share one bounds array', () => {
    const store = newStore();
    const family = store.monotonicFamily('h', 'histogram', 'h');
    if (typeof family === 'string') throw new Error(family);
    const first = store.monotonicSeries(family, [['a', '1']], [1, 2]);
    const second = store.monotonicSeries(family, [['a', '2']], [1, 2]);
    const other = store.monotonicSeries(family, [['a', '3']], [1, 5]);
    if (typeof first === 'string' || typeof second === 'string' || typeof other === 'string') {
      throw new Error('unexpected refusal');
    }
    expect(second.bounds).toBe(first.bounds);
    expect(other.bounds).toEqual([1, 5]);
    expect(first.bounds).toEqual([1, 2]);
  });
});

describe('MetricStore.sweep', () => {
  function counterSeries(store: MetricStore) {
    const family = store.monotonicFamily('c_total', 'counter', 'c');
    if (typeof family === 'string') throw new Error(family);
    const series = store.monotonicSeries(family, [['job', 'api']]);
    if (typeof series === 'string') throw new Error(series);
    return series;
  }

  it('keeps a silent sender counting while others are alive, so the sum never drops', () => {
    const store = newStore();
    const series = counterSeries(store);
    series.streamContribution('a', 0)!.applyCumulative(1n, 1n, [10], 0);
    series.streamContribution('b', 0)!.applyCumulative(1n, 1n, [5], 0);
    series.streamContribution('b', 1500)!.applyCumulative(1n, 2n, [7], 1500);
    expect(store.sweep(1500 + 1)).toBe(0);
    expect(series.value()).toEqual([17]);
  });

  it('folds the oldest dormant senders into a retained total past the limit', () => {
    const store = newStore();
    const series = counterSeries(store);
    for (let index = 0; index < MAX_DORMANT_CONTRIBUTIONS + 3; index++) {
      series.streamContribution(`dead-${index}`, index)!.applyCumulative(1n, 1n, [1], index);
    }
    series.streamContribution('alive', 5000)!.applyCumulative(1n, 1n, [100], 5000);
    store.sweep(5000);
    expect(series.contributions.size).toBe(MAX_DORMANT_CONTRIBUTIONS + 1);
    expect(series.contributions.has('dead-0')).toBe(false);
    expect(series.contributions.has(`dead-${MAX_DORMANT_CONTRIBUTIONS + 2}`)).toBe(true);
    expect(series.value()).toEqual([MAX_DORMANT_CONTRIBUTIONS + 3 + 100]);
  });

  it('removes a series, and then its empty family, once every sender is silent', () => {
    const store = newStore();
    const series = counterSeries(store);
    series.streamContribution('a', 0)!.applyCumulative(1n, 1n, [10], 0);
    expect(store.sweep(STALE_MS)).toBe(0);
    expect(store.sweep(STALE_MS + 1)).toBe(1);
    expect(store.snapshot()).toEqual([]);
  });

  it('drops silent gauge senders at once and serves the latest of the others', () => {
    const store = newStore();
    const family = store.gaugeFamily('g', 'gauge', 'g');
    if (typeof family === 'string') throw new Error(family);
    const series = store.gaugeSeries(family, []);
    if (typeof series === 'string') throw new Error(series);
    series.setValue('a', 20n, 1, 0);
    series.setValue('b', 10n, 2, 900);
    expect(series.value()).toBe(1);
    store.sweep(STALE_MS + 1);
    expect(series.value()).toBe(2);
  });

  it('never expires exporter-owned series', () => {
    const store = newStore();
    const family = store.gaugeFamily('budget', 'gauge', 'b');
    if (typeof family === 'string') throw new Error(family);
    const series = store.gaugeSeries(family, [], true);
    if (typeof series === 'string') throw new Error(series);
    series.setValue('exporter', 0n, 500, Number.POSITIVE_INFINITY);
    expect(store.sweep(1e15)).toBe(0);
    expect(series.value()).toBe(500);
  });
});

describe('GaugeSeries', () => {
  it('sums the senders of a non-monotonic sum and adds delta points', () => {
    const store = newStore();
    const family = store.gaugeFamily('in_flight', 'updown', 'i');
    if (typeof family === 'string') throw new Error(family);
    const series = store.gaugeSeries(family, []);
    if (typeof series === 'string') throw new Error(series);
    series.setValue('a', 1n, 3, 0);
    series.setValue('b', 1n, 4, 0);
    series.addValue('c', 1n, 2, 0);
    series.addValue('c', 2n, -1, 0);
    expect(series.value()).toBe(8);
  });

  it('ignores a point older than the sender last sent', () => {
    const store = newStore();
    const family = store.gaugeFamily('g', 'gauge', 'g');
    if (typeof family === 'string') throw new Error(family);
    const series = store.gaugeSeries(family, []);
    if (typeof series === 'string') throw new Error(series);
    series.setValue('a', 5n, 10, 0);
    series.setValue('a', 4n, 99, 0);
    expect(series.value()).toBe(10);
  });
});
