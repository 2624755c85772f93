import { defaultPriceBook } from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import {
  counter,
  histogramPoint,
  metric,
  numberPoint,
  request,
  served,
} from '../../test/metrics-requests.js';
import { CentralPricing } from '../pricing/central-pricing.js';
import { MetricStore } from '../store/metric-store.js';
import { MetricsIngester } from './ingest-metrics.js';

function setup() {
  const store = new MetricStore({ seriesCap: 100, staleAfterMs: 60_000 });
  const ingester = new MetricsIngester(store, new CentralPricing(defaultPriceBook, store, false));
  return { store, ingest: (body: Parameters<MetricsIngester['ingest']>[0]) => ingester.ingest(body, 0) };
}

const API = { 'service.name': 'api' };
const LABELS = { job: 'api', otel_scope_name: 'test-scope' };

/**
 * Two OTLP streams of one sender that land on one Prometheus series must each be followed on
 * their own: merged, their cumulative values alternate and every dip reads as a reset.
 */
describe('MetricsIngester: series identity is the Prometheus identity, streams stay apart', () => {
  it('an empty attribute value beside an absent attribute: identical pushes serve 105, not 105, 205, 305', () => {
    const { store, ingest } = setup();
    const push = () =>
      ingest(
        request(API, [
          counter('groq.requests', [numberPoint(100, { feature: '' }, 1n, 5n), numberPoint(5, {}, 1n, 5n)]),
        ]),
      );
    for (let round = 0; round < 4; round++) push();
    expect(served(store, 'groq_requests_total')).toEqual([{ labels: LABELS, value: [105] }]);
  });

  it('attribute keys that collide (a.b and a_b), a number beside its string, a key with no usable character: streams apart', () => {
    const { store, ingest } = setup();
    const push = () =>
      ingest(
        request(API, [
          counter('groq.requests', [
            numberPoint(1, { 'k.v': 'x' }, 1n, 5n),
            numberPoint(2, { k_v: 'x' }, 1n, 5n),
            numberPoint(10, { code: 429 }, 1n, 5n),
            numberPoint(20, { code: '429' }, 1n, 5n),
            numberPoint(100, { '!!': 'a' }, 1n, 5n),
            numberPoint(200, { '!!': 'b' }, 1n, 5n),
          ]),
        ]),
      );
    push();
    push();
    expect(served(store, 'groq_requests_total')).toEqual([
      { labels: { ...LABELS, k_v: 'x' }, value: [3] },
      { labels: { ...LABELS, code: '429' }, value: [30] },
      { labels: LABELS, value: [300] },
    ]);
  });

  it('the same attributes in another order are the same stream', () => {
    const { store, ingest } = setup();
    ingest(request(API, [counter('groq.requests', [numberPoint(5, { a: '1', b: '2' }, 1n, 5n)])]));
    ingest(request(API, [counter('groq.requests', [numberPoint(7, { b: '2', a: '1' }, 1n, 6n)])]));
    expect(served(store, 'groq_requests_total')).toEqual([
      { labels: { ...LABELS, a: '1', b: '2' }, value: [7] },
    ]);
  });

  it('names that collide after sanitising (a.b and a_b) are summed, each stream on its own', () => {
    const { store, ingest } = setup();
    const push = (time: bigint, dotted: number, underscored: number) =>
      ingest(
        request(API, [
          counter('a.b', [numberPoint(dotted, {}, 1n, time)]),
          counter('a_b', [numberPoint(underscored, {}, 1n, time)]),
        ]),
      );
    push(5n, 40, 3);
    push(5n, 40, 3);
    push(6n, 41, 3);
    expect(served(store, 'a_b_total')).toEqual([{ labels: LABELS, value: [44] }]);
  });

  it('x and x_total (the same counter family) are summed, each stream on its own', () => {
    const { store, ingest } = setup();
    for (let round = 0; round < 3; round++) {
      ingest(
        request(API, [
          counter('x', [numberPoint(7, {}, 1n, 5n)]),
          counter('x_total', [numberPoint(2, {}, 1n, 5n)]),
        ]),
      );
    }
    expect(served(store, 'x_total')).toEqual([{ labels: LABELS, value: [9] }]);
  });

  it('histograms of colliding streams are summed bucket by bucket', () => {
    const { store, ingest } = setup();
    const data = (points: ReturnType<typeof histogramPoint>[]) =>
      ({ kind: 'histogram', temporality: 'cumulative', points }) as const;
    for (let round = 0; round < 3; round++) {
      ingest(
        request(API, [
          metric('lat.ms', data([histogramPoint([1, 2], [10], 30, {}, 1n, 5n)])),
          metric('lat_ms', data([histogramPoint([4, 0], [10], 8, {}, 1n, 5n)])),
        ]),
      );
    }
    expect(served(store, 'lat_ms')).toEqual([{ labels: LABELS, value: [7, 38, 5, 2] }]);
  });
});
