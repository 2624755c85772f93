import { defaultPriceBook } from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import { counter, histogramPoint, metric, numberPoint, request } from '../../test/metrics-requests.js';
import { MetricsIngester } from '../ingest/ingest-metrics.js';
import { CentralPricing } from '../pricing/central-pricing.js';
import { SelfMetrics } from '../self-metrics.js';
import { countExporterSeries, setExporterGauge } from '../store/exporter-series.js';
import { MetricStore } from '../store/metric-store.js';
import { type ExpositionFormat, renderExposition } from './render-exposition.js';

/** 2026-11-01T00:00:00Z in nanoseconds: a time the shipped catalogue has prices for. */
const T0 = BigInt(Date.parse('2026-11-01T00:00:00Z')) * 1_000_000n;

/** Label values a sender may push that the exposition must escape or keep as they are. */
const ODD_VALUES = [
  'back\\slash',
  'say "hi"',
  'two\nlines',
  'all \\ " \n at once\\n',
  'héllo wörld ✓ 😀',
  'trailing space ',
  '{braces}=,commas',
];

/**
 * A store fed through the whole ingest path with everything the exposition has to render:
 * counters (cumulative, delta, reset), gauges, up-down sums, histograms (odd bounds, one without
 * a sum), label values needing escaping, renamed and colliding attribute keys, non-string
 * values, many resources (with `target_info`), centrally priced cost and the self-metrics.
 */
function variedStore(): MetricStore {
  const store = new MetricStore({ seriesCap: 10_000, staleAfterMs: 60_000 });
  const selfMetrics = new SelfMetrics(store);
  selfMetrics.initialize();
  const ingester = new MetricsIngester(store, new CentralPricing(defaultPriceBook, store, false));
  const ingest = (body: Parameters<MetricsIngester['ingest']>[0]) => ingester.ingest(body, 1_000);

  for (let sender = 0; sender < 12; sender++) {
    const resource: Record<string, string | number | boolean> = {
      'service.name': `app-${sender % 4}`,
      'host.name': `host-${sender}`,
    };
    if (sender % 3 !== 0) resource['service.instance.id'] = `pod-${sender}`;
    if (sender % 4 === 1) resource['service.namespace'] = 'team "a"';
    if (sender % 5 === 2) resource['deployment.environment'] = ODD_VALUES[sender % ODD_VALUES.length]!;
    ingest(
      request(resource, [
        counter('groq.tokens', [
          numberPoint(
            1_000 + sender,
            { model: 'openai/gpt-oss-120b', operation: 'chat', type: 'input' },
            1n,
            T0,
          ),
          numberPoint(
            200 * sender,
            { model: 'openai/gpt-oss-120b', operation: 'chat', type: 'output' },
            1n,
            T0,
          ),
        ]),
        counter(
          'groq.requests',
          ODD_VALUES.map((value, index) =>
            numberPoint(index + sender / 8, { model: 'm', feature: value, outcome: 'success' }, 1n, T0),
          ),
        ),
        metric('groq.ratelimit.remaining', {
          kind: 'gauge',
          points: [
            numberPoint(sender * 0.1, { model: 'm', resource: 'tokens' }, 0n, T0),
            numberPoint(-sender - 0.5, { model: 'm', resource: 'requests' }, 0n, T0),
          ],
        }),
        metric('gen_ai.client.operation.duration', {
          kind: 'histogram',
          temporality: 'cumulative',
          points: [
            histogramPoint(
              [1, 2, 3, 0, sender],
              [0.01, 0.1, 1, 81.92],
              0.1 + 0.2 * sender,
              { model: 'm' },
              1n,
              T0,
            ),
          ],
        }),
      ]),
    );
  }

  ingest(
    request({ 'service.name': 'odd', 'service.instance.id': 'odd-1' }, [
      metric(
        'odd.gauge',
        {
          kind: 'gauge',
          points: [
            numberPoint(Number.POSITIVE_INFINITY, { kind: 'inf' }),
            numberPoint(Number.NEGATIVE_INFINITY, { kind: 'minus_inf' }),
            numberPoint(1e21, { kind: 'big' }),
            numberPoint(1.5e-7, { kind: 'small' }),
            numberPoint(-0, { kind: 'minus_zero' }),
            numberPoint(0.1 + 0.2, { kind: 'float' }),
            numberPoint(2 ** 53 + 2, { kind: 'int' }),
          ],
        },
        'A gauge with odd values\nand a backslash \\ in its help',
      ),
      metric(
        'odd.labels',
        {
          kind: 'gauge',
          points: [
            numberPoint(1, { 'a.b': 'dot', a_b: 'underscore', '9lives': 'digit', job: 'j', instance: 'i' }),
            numberPoint(2, { status_code: 429, ok: true, list: ['x', 1], empty: '', nothing: null }),
            numberPoint(3, { otel_scope_name: 'mine', le: 'not reserved here', 'ünïcode.kéy': 'v' }),
          ],
        },
        '',
      ),
      metric('odd.updown', {
        kind: 'sum',
        monotonic: false,
        temporality: 'delta',
        points: [numberPoint(5, { pool: 'a' }), numberPoint(-2, { pool: 'b' })],
      }),
      metric('odd.updown.cumulative', {
        kind: 'sum',
        monotonic: false,
        temporality: 'cumulative',
        points: [numberPoint(7, { pool: 'a' })],
      }),
      counter('odd.delta', [numberPoint(0.25, { le: 'x' }), numberPoint(0.5, { le: 'y' })], 'delta'),
      counter('odd_total', [numberPoint(3)]),
      metric('odd.histogram', {
        kind: 'histogram',
        temporality: 'delta',
        points: [
          histogramPoint([4, 1], [1e-9], undefined, { le: '0.5', path: '/a\\b' }),
          histogramPoint([0, 0, 2], [-1, 2 ** 40], -3.5, { path: '"quoted"' }),
          histogramPoint([7], [], 7, { path: 'no bounds' }),
        ],
      }),
    ]),
  );
  // A reset (new start time) and a retried older point on the same stream.
  const resetting = { 'service.name': 'resetting' };
  ingest(request(resetting, [counter('groq.requests', [numberPoint(10, { model: 'r' }, 5n, 6n)])]));
  ingest(request(resetting, [counter('groq.requests', [numberPoint(4, { model: 'r' }, 7n, 8n)])]));
  ingest(request(resetting, [counter('groq.requests', [numberPoint(1, { model: 'r' }, 7n, 7n)])]));
  // A scope with a version and a schema URL.
  ingest({
    resourceMetrics: [
      {
        attributes: new Map([['service.name', 'scoped']]),
        scopeMetrics: [
          {
            scope: { name: 'lib', version: '1.2.3', schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' },
            metrics: [counter('groq.requests', [numberPoint(1, { model: 'm' })])],
          },
        ],
      },
    ],
  });

  selfMetrics.push('success', 17);
  selfMetrics.push('bad_payload', 2);
  selfMetrics.dataPoints(123);
  selfMetrics.dropped('series_cap', 4);
  countExporterSeries(store, 'groqmeter_budget_spent_usd_total', 'Spend', [['budget', 'b "1"']], 3.5);
  setExporterGauge(
    store,
    'groqmeter_budget_usd',
    'Budget',
    [
      ['scope', 'feature=a\\b'],
      ['budget', 'b "1"'],
      ['period', 'month'],
    ],
    25,
  );
  selfMetrics.updateSeriesCount();
  return store;
}

async function rendered(format: ExpositionFormat): Promise<{ contentType: string; body: string }> {
  return renderExposition(variedStore().snapshot(), format);
}

describe('the exposition of a varied store (golden files, byte for byte)', () => {
  it('renders the Prometheus text format', async () => {
    const { contentType, body } = await rendered('prometheus');
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    await expect(body).toMatchFileSnapshot('golden/varied-store.prom.txt');
  });

  it('renders OpenMetrics', async () => {
    const { contentType, body } = await rendered('openmetrics');
    expect(contentType).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    await expect(body).toMatchFileSnapshot('golden/varied-store.openmetrics.txt');
  });
});
