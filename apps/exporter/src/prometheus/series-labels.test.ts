import { type Attributes, decodeMetricsRequest, type NumberPoint } from '@groqmeter/otlp';
import { describe, expect, it } from 'vitest';
import {
  HISTOGRAM_RESERVED,
  resourceIdentity,
  SeriesLabeler,
  scopeLabels,
  seriesLabels,
} from './series-labels.js';

describe('resourceIdentity', () => {
  it('maps service.namespace/service.name to job and service.instance.id to instance', () => {
    const identity = resourceIdentity(
      new Map<string, string>([
        ['service.name', 'chat-api'],
        ['service.namespace', 'shop'],
        ['service.instance.id', 'pod-7'],
        ['host.name', 'node-1'],
        ['telemetry.sdk.language', 'nodejs'],
      ]),
    );
    expect(identity.targetLabels).toEqual([
      ['job', 'shop/chat-api'],
      ['instance', 'pod-7'],
    ]);
    expect(identity.infoLabels).toEqual([
      ['host_name', 'node-1'],
      ['instance', 'pod-7'],
      ['job', 'shop/chat-api'],
      ['telemetry_sdk_language', 'nodejs'],
    ]);
  });

  it('uses service.name alone as job and sets no instance when there is no instance id', () => {
    const identity = resourceIdentity(new Map([['service.name', 'worker']]));
    expect(identity.targetLabels).toEqual([['job', 'worker']]);
  });

  it('gives equal resources the same key whatever the attribute order', () => {
    const a = resourceIdentity(
      new Map<string, string | number>([
        ['service.name', 'x'],
        ['process.pid', 1],
      ]),
    );
    const b = resourceIdentity(
      new Map<string, string | number>([
        ['process.pid', 1],
        ['service.name', 'x'],
      ]),
    );
    const c = resourceIdentity(
      new Map<string, string | number>([
        ['process.pid', 2],
        ['service.name', 'x'],
      ]),
    );
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
  });
});

describe('scopeLabels', () => {
  it('adds the scope name, version and schema URL as exporter-prometheus does, leaving out empty ones', () => {
    expect(scopeLabels({ name: '@groqmeter/recorder', version: '0.1.0', schemaUrl: '' })).toEqual([
      ['otel_scope_name', '@groqmeter/recorder'],
      ['otel_scope_version', '0.1.0'],
    ]);
  });
});

describe('seriesLabels', () => {
  it('sorts labels, sanitises keys and drops empty values', () => {
    expect(
      seriesLabels(
        new Map<string, string | number>([
          ['model', 'openai/gpt-oss-20b'],
          ['gen_ai.operation.name', 'chat'],
          ['error_type', ''],
          ['status_code', 429],
        ]),
        [['job', 'api']],
      ),
    ).toEqual([
      ['gen_ai_operation_name', 'chat'],
      ['job', 'api'],
      ['model', 'openai/gpt-oss-20b'],
      ['status_code', '429'],
    ]);
  });

  it('joins the values of keys that collide after sanitising with ; in key order', () => {
    expect(
      seriesLabels(
        new Map([
          ['a.b', 'dot'],
          ['a-b', 'dash'],
        ]),
        [],
      ),
    ).toEqual([['a_b', 'dash;dot']]);
  });

  it('keeps attributes named like exporter labels as exported_<name>', () => {
    expect(
      seriesLabels(
        new Map([
          ['job', 'from-point'],
          ['instance', 'i'],
          ['le', '5'],
        ]),
        [['job', 'api']],
        HISTOGRAM_RESERVED,
      ),
    ).toEqual([
      ['exported_instance', 'i'],
      ['exported_job', 'from-point'],
      ['exported_le', '5'],
      ['job', 'api'],
    ]);
  });
});

describe('SeriesLabeler', () => {
  const fixed: [string, string][] = [
    ['job', 'api'],
    ['instance', 'pod-1'],
    ['otel_scope_name', '@groqmeter/recorder'],
    ['otel_scope_version', ''],
  ];

  it('gives the same sorted label set whatever the attribute order, without empty fixed labels', () => {
    const labeler = new SeriesLabeler(fixed);
    const expected = [
      ['gen_ai_request_model', 'llama-3.3-70b-versatile'],
      ['instance', 'pod-1'],
      ['job', 'api'],
      ['otel_scope_name', '@groqmeter/recorder'],
      ['type', 'input'],
    ];
    expect(
      labeler.labels(
        new Map([
          ['type', 'input'],
          ['gen_ai.request.model', 'llama-3.3-70b-versatile'],
        ]),
      ),
    ).toEqual(expected);
    expect(
      labeler.labels(
        new Map([
          ['gen_ai.request.model', 'llama-3.3-70b-versatile'],
          ['type', 'input'],
        ]),
      ),
    ).toEqual(expected);
  });

  it('renders the shared attributes of a JSON push once per set of fixed labels, then finds the result', () => {
    const body = (model: string) =>
      Buffer.from(
        JSON.stringify({
          resourceMetrics: [
            {
              scopeMetrics: [
                {
                  metrics: [
                    {
                      name: 'm',
                      gauge: {
                        dataPoints: [
                          {
                            asDouble: 1,
                            attributes: [{ key: 'gen_ai.request.model', value: { stringValue: model } }],
                          },
                        ],
                      },
                    },
                  ],
                },
              ],
            },
          ],
        }),
      );
    const attributesOf = (model: string): Attributes => {
      const data = decodeMetricsRequest(body(model), 'json').resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!
        .data;
      return (data as { points: NumberPoint[] }).points[0]!.attributes;
    };
    const shared = attributesOf('llama-3.1-8b-instant');
    expect(attributesOf('llama-3.1-8b-instant')).toBe(shared);
    const rendered = new SeriesLabeler(fixed).render(shared);
    expect(rendered.text).toBe(
      'gen_ai_request_model="llama-3.1-8b-instant",instance="pod-1",job="api",otel_scope_name="@groqmeter/recorder"',
    );
    // Another push's labeler with the same fixed labels finds it; one with other fixed labels renders its own.
    expect(new SeriesLabeler(fixed).render(shared)).toBe(rendered);
    expect(new SeriesLabeler([['job', 'worker']]).render(shared).text).toBe(
      'gen_ai_request_model="llama-3.1-8b-instant",job="worker"',
    );
    expect(new SeriesLabeler(fixed, HISTOGRAM_RESERVED).render(shared)).not.toBe(rendered);
    // Attributes read afresh are rendered each time, to the same text.
    const fresh = new Map(shared);
    expect(new SeriesLabeler(fixed).render(fresh)).not.toBe(new SeriesLabeler(fixed).render(fresh));
    expect(new SeriesLabeler(fixed).render(fresh)).toEqual(rendered);
  });

  it('shares the fixed label pairs between the label sets it makes', () => {
    const labeler = new SeriesLabeler(fixed);
    const first = labeler.labels(new Map([['type', 'input']]));
    const second = labeler.labels(new Map([['type', 'output']]));
    const job = (labels: readonly (readonly [string, string])[]) => labels.find(([name]) => name === 'job');
    expect(job(first)).toEqual(['job', 'api']);
    expect(job(first)).toBe(job(second));
  });

  it('keeps empty values inside a joined collision, in key order', () => {
    const labeler = new SeriesLabeler([]);
    expect(
      labeler.labels(
        new Map([
          ['a.b', ''],
          ['a-b', 'dash'],
          ['c.d', ''],
          ['c-d', ''],
        ]),
      ),
    ).toEqual([
      ['a_b', 'dash;'],
      ['c_d', ';'],
    ]);
  });

  it('renames attributes that clash with its fixed labels even when they are not exporter labels', () => {
    const labeler = new SeriesLabeler([['region', 'eu']]);
    expect(labeler.labels(new Map([['region', 'us']]))).toEqual([
      ['exported_region', 'us'],
      ['region', 'eu'],
    ]);
  });
});
