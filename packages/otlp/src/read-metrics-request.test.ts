import { describe, expect, it } from 'vitest';
import { PayloadError } from './otlp-json-fields.js';
import { readMetricsRequest } from './read-metrics-request.js';

/** An OTLP/JSON request with one metric under one resource and scope. */
function requestWith(metric: Record<string, unknown>) {
  return {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
        scopeMetrics: [{ scope: { name: 'recorder', version: '1.0.0' }, metrics: [metric] }],
      },
    ],
  };
}

function firstMetric(body: unknown) {
  return readMetricsRequest(body).resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
}

describe('readMetricsRequest', () => {
  it('reads a cumulative monotonic sum with int64 times as strings', () => {
    const metric = firstMetric(
      requestWith({
        name: 'groq.cost.usd',
        description: 'cost',
        unit: 'USD',
        sum: {
          aggregationTemporality: 2,
          isMonotonic: true,
          dataPoints: [
            {
              attributes: [
                { key: 'model', value: { stringValue: 'openai/gpt-oss-20b' } },
                { key: 'batch', value: { boolValue: false } },
                { key: 'status_code', value: { intValue: '429' } },
              ],
              startTimeUnixNano: '1700000000000000000',
              timeUnixNano: '1700000060000000000',
              asDouble: 0.000375,
            },
          ],
        },
      }),
    );
    expect(metric).toEqual({
      name: 'groq.cost.usd',
      description: 'cost',
      unit: 'USD',
      skippedPoints: 0,
      data: {
        kind: 'sum',
        monotonic: true,
        temporality: 'cumulative',
        points: [
          {
            attributes: new Map<string, unknown>([
              ['model', 'openai/gpt-oss-20b'],
              ['batch', false],
              ['status_code', 429],
            ]),
            startTimeUnixNano: 1700000000000000000n,
            timeUnixNano: 1700000060000000000n,
            value: 0.000375,
          },
        ],
      },
    });
  });

  it('accepts snake_case field names, enum names and numbers for int64', () => {
    const metric = firstMetric(
      requestWith({
        name: 'groq.tokens',
        sum: {
          aggregation_temporality: 'AGGREGATION_TEMPORALITY_DELTA',
          is_monotonic: true,
          data_points: [{ as_int: 1200, start_time_unix_nano: 5, time_unix_nano: 6 }],
        },
      }),
    );
    expect(metric.data).toEqual({
      kind: 'sum',
      monotonic: true,
      temporality: 'delta',
      points: [{ attributes: new Map(), startTimeUnixNano: 5n, timeUnixNano: 6n, value: 1200 }],
    });
  });

  it('reads explicit-bucket histograms, with counts as strings', () => {
    const metric = firstMetric(
      requestWith({
        name: 'gen_ai.client.operation.duration',
        histogram: {
          aggregationTemporality: 2,
          dataPoints: [
            {
              count: '3',
              sum: 1.75,
              bucketCounts: ['1', '2', '0'],
              explicitBounds: [0.5, 1],
              timeUnixNano: '10',
            },
          ],
        },
      }),
    );
    expect(metric.data).toEqual({
      kind: 'histogram',
      temporality: 'cumulative',
      points: [
        {
          attributes: new Map(),
          startTimeUnixNano: 0n,
          timeUnixNano: 10n,
          count: 3,
          sum: 1.75,
          explicitBounds: [0.5, 1],
          bucketCounts: [1, 2, 0],
        },
      ],
    });
  });

  it('reads array and key-value list attributes and special doubles', () => {
    const metric = firstMetric(
      requestWith({
        name: 'g',
        gauge: {
          dataPoints: [
            {
              attributes: [
                {
                  key: 'tags',
                  value: { arrayValue: { values: [{ stringValue: 'a' }, { doubleValue: 1.5 }] } },
                },
                {
                  key: 'meta',
                  value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } },
                },
                { key: 'empty', value: {} },
              ],
              asDouble: 'Infinity',
            },
          ],
        },
      }),
    );
    expect(metric.data).toEqual({
      kind: 'gauge',
      points: [
        {
          attributes: new Map<string, unknown>([
            ['tags', ['a', 1.5]],
            ['meta', { k: true }],
            ['empty', null],
          ]),
          startTimeUnixNano: 0n,
          timeUnixNano: 0n,
          value: Number.POSITIVE_INFINITY,
        },
      ],
    });
  });

  it('skips points flagged "no recorded value" and counts them', () => {
    const metric = firstMetric(
      requestWith({ name: 'g', gauge: { dataPoints: [{ flags: 1 }, { asDouble: 2 }] } }),
    );
    expect(metric.skippedPoints).toBe(1);
    expect(metric.data.kind === 'gauge' && metric.data.points.map((point) => point.value)).toEqual([2]);
  });

  it('counts the points of exponential histograms and summaries without reading them', () => {
    expect(
      firstMetric(requestWith({ name: 'e', exponentialHistogram: { dataPoints: [{}, {}] } })).data,
    ).toEqual({
      kind: 'exponential_histogram',
      pointCount: 2,
    });
    expect(firstMetric(requestWith({ name: 's', summary: { dataPoints: [{}] } })).data).toEqual({
      kind: 'summary',
      pointCount: 1,
    });
  });

  it('reads an empty request as no metrics', () => {
    expect(readMetricsRequest({})).toEqual({ resourceMetrics: [] });
  });

  const malformed: [string, unknown, string][] = [
    ['a non-object body', [], 'request: expected an object, got an array'],
    [
      'resourceMetrics that is not a list',
      { resourceMetrics: {} },
      'request.resourceMetrics: expected an array, got an object',
    ],
    [
      'a metric without a name',
      requestWith({ gauge: { dataPoints: [] } }),
      'resourceMetrics[0].scopeMetrics[0].metrics[0].name: a metric needs a non-empty name',
    ],
    [
      'a metric without data',
      requestWith({ name: 'x' }),
      'resourceMetrics[0].scopeMetrics[0].metrics[0] "x": a metric carries exactly one of gauge, sum, histogram, exponentialHistogram, summary, found none',
    ],
    [
      'a metric with two kinds of data',
      requestWith({ name: 'x', gauge: {}, sum: {} }),
      'found gauge and sum',
    ],
    [
      'an unspecified temporality',
      requestWith({ name: 'x', sum: { isMonotonic: true, dataPoints: [] } }),
      '"x".sum.aggregationTemporality must be 1 (DELTA) or 2 (CUMULATIVE), got 0',
    ],
    [
      'a point without a value',
      requestWith({ name: 'x', gauge: { dataPoints: [{}] } }),
      '"x".gauge.dataPoints[0]: a data point carries exactly one of asDouble and asInt, found neither',
    ],
    [
      'a point with a text value',
      requestWith({ name: 'x', gauge: { dataPoints: [{ asDouble: 'lots' }] } }),
      '"x".gauge.dataPoints[0].asDouble: expected a number, got a string of 4 characters',
    ],
    [
      'a fractional int64',
      requestWith({ name: 'x', gauge: { dataPoints: [{ asInt: 1.5 }] } }),
      'asInt: expected a 64-bit integer, got 1.5',
    ],
    [
      'a negative time',
      requestWith({ name: 'x', gauge: { dataPoints: [{ asInt: 1, timeUnixNano: '-5' }] } }),
      'timeUnixNano: expected an unsigned 64-bit integer, got a string of 2 characters',
    ],
    [
      'a time beyond 2^64 - 1',
      requestWith({
        name: 'x',
        gauge: { dataPoints: [{ asInt: 1, timeUnixNano: '18446744073709551616' }] },
      }),
      'timeUnixNano: expected an unsigned 64-bit integer, got a string of 20 characters',
    ],
    [
      'bucket counts that do not match the bounds',
      requestWith({
        name: 'h',
        histogram: {
          aggregationTemporality: 2,
          dataPoints: [{ count: 1, bucketCounts: [1], explicitBounds: [1] }],
        },
      }),
      '1 explicitBounds need 2 bucketCounts, got 1',
    ],
    [
      'bucket counts that do not add up to the count',
      requestWith({
        name: 'h',
        histogram: {
          aggregationTemporality: 2,
          dataPoints: [{ count: 5, bucketCounts: [1, 1], explicitBounds: [1] }],
        },
      }),
      'count is 5 but the bucketCounts add up to 2',
    ],
    [
      'bounds that do not increase',
      requestWith({
        name: 'h',
        histogram: {
          aggregationTemporality: 2,
          dataPoints: [{ count: 0, bucketCounts: [0, 0, 0], explicitBounds: [2, 1] }],
        },
      }),
      'explicitBounds: bounds must be strictly increasing',
    ],
    [
      'an attribute key that is not a string',
      requestWith({ name: 'x', gauge: { dataPoints: [{ asInt: 1, attributes: [{ key: 3 }] }] } }),
      'attributes[0].key: expected a string, got 3',
    ],
    [
      'an AnyValue with two values',
      requestWith({
        name: 'x',
        gauge: {
          dataPoints: [{ asInt: 1, attributes: [{ key: 'k', value: { stringValue: 'a', intValue: 1 } }] }],
        },
      }),
      'an AnyValue carries one value, found stringValue and intValue',
    ],
  ];

  it.each(malformed)('refuses %s, naming the field', (_case, body, message) => {
    expect(() => readMetricsRequest(body)).toThrow(PayloadError);
    expect(() => readMetricsRequest(body)).toThrow(message);
  });

  it('refuses attribute values nested deeper than 16 levels', () => {
    let value: Record<string, unknown> = { stringValue: 'leaf' };
    for (let depth = 0; depth < 20; depth++) value = { arrayValue: { values: [value] } };
    const body = requestWith({
      name: 'x',
      gauge: { dataPoints: [{ asInt: 1, attributes: [{ key: 'k', value }] }] },
    });
    expect(() => readMetricsRequest(body)).toThrow('attribute values nest deeper than 16 levels');
  });
});

describe('readMetricsRequest error messages', () => {
  it('quote only the start of a long metric name (a 3 MiB name gives a short error)', () => {
    const name = `gsk_${'x'.repeat(3 * 1024 * 1024)}`;
    const body = {
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name, gauge: { dataPoints: 'no' } }] }] }],
    };
    let message = '';
    try {
      readMetricsRequest(body);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `resourceMetrics[0].scopeMetrics[0].metrics[0] "gsk_${'x'.repeat(60)}"… (3145732 characters).gauge.dataPoints: expected an array, got a string of 2 characters`,
    );
  });
});
