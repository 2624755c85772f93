import { describe, expect, it } from 'vitest';
import { HeadlineHistory, type HeadlineSample } from './headline-history.js';
import { legendOf, memoryCharts } from './page-charts.js';

function sample(spendUsd: number, requests: number, errors: number, buckets: number[]): HeadlineSample {
  return {
    values: {
      spendUsd,
      inputTokens: requests * 100,
      outputTokens: requests * 10,
      requests,
      errors,
      finished: requests,
      durationSum: 0,
      durationCount: requests,
      lowestHeadroom: 0.5,
    },
    durationBounds: [1, 2],
    durationBuckets: buckets,
  };
}

describe('memoryCharts', () => {
  // Three samples 10 s apart: $0.01, then $0.02 more; 4 then 6 more requests.
  const history = new HeadlineHistory({ stepMs: 10_000, points: 10 }, { stepMs: 60_000, points: 10 });
  history.record(0, sample(0, 0, 0, [0, 0, 0]));
  history.record(10_000, sample(0.01, 4, 1, [4, 0, 0]));
  history.record(20_000, sample(0.03, 10, 1, [4, 6, 0]));
  const charts = Object.fromEntries(
    memoryCharts(history.rows('fine'), history.rows('day'), '1h').map((chart) => [chart.id, chart]),
  );

  it('charts the growth per step of the store totals: spend per hour, tokens and errors per second', () => {
    expect(charts.spend_rate?.x).toEqual([0, 10, 20]);
    // $0.01 in 10 s is $3.60 an hour; $0.02 in 10 s is $7.20.
    expect(charts.spend_rate?.series[0]?.values.map((value) => value && Number(value.toFixed(9)))).toEqual([
      null,
      3.6,
      7.2,
    ]);
    expect(charts.tokens_rate?.series.map((series) => series.values)).toEqual([
      [null, 40, 60],
      [null, 4, 6],
    ]);
    expect(charts.errors?.series[0]?.values).toEqual([null, 0.1, 0]);
    expect(charts.cumulative_spend?.series[0]?.values).toEqual([0, 0.01, 0.03]);
    expect(charts.headroom?.series[0]?.values).toEqual([0.5, 0.5, 0.5]);
  });

  it('charts duration quantiles from the bucket growth of each step', () => {
    // Step 2: 6 operations between 1 and 2 s; p50 is rank 3 of 6 in (1, 2].
    expect(
      charts.duration?.series.map((series) => [series.name, Number(series.values[2]?.toFixed(12))]),
    ).toEqual([
      ['p50', 1.5],
      ['p95', 1.95],
      ['p99', 1.99],
    ]);
    // Step 1: 4 operations up to 1 s.
    expect(charts.duration?.series[0]?.values[1]).toBe(0.5);
  });

  it('says which charts need Prometheus', () => {
    expect(charts.ttft).toMatchObject({
      source: 'none',
      series: [],
      note: 'Charted with --prometheus-url; the table shows the current totals.',
    });
  });
});

describe('the daily pattern from memory', () => {
  it('bars the spend of each of the last 24 clock hours, nothing before the history began', () => {
    const history = new HeadlineHistory({ stepMs: 60_000, points: 10 }, { stepMs: 60_000, points: 100 });
    history.record(0, sample(0, 0, 0, []));
    history.record(60_000, sample(0.01, 1, 0, []));
    history.record(3_660_000, sample(0.05, 2, 0, []));
    const daily = memoryCharts(history.rows('fine'), history.rows('day'), '24h').find(
      (chart) => chart.id === 'spend_per_day',
    );
    expect(daily?.x).toHaveLength(24);
    expect(daily?.x.slice(-2)).toEqual([0, 3600]);
    expect(daily?.bars).toBe(true);
    const values = daily?.series[0]?.values ?? [];
    expect(values.slice(0, 22)).toEqual(new Array(22).fill(null));
    expect(values.slice(-2).map((value) => Number(value?.toFixed(12)))).toEqual([0.01, 0.04]);
  });
});

describe('legendOf', () => {
  it('fills Grafana legend templates from the labels', () => {
    expect(legendOf({ model: 'openai/gpt-oss-20b', le: '1' }, '{{model}} p50')).toBe(
      'openai/gpt-oss-20b p50',
    );
    expect(legendOf({ __name__: 'x', type: 'input' }, undefined)).toBe('type=input');
    expect(legendOf({}, undefined)).toBe('value');
  });
});
