import type { PrometheusDashboardSpec } from '../build-dashboard.js';
import { NEUTRAL, rising } from '../panel-spec.js';
import { quantile, SERIES, select, sumBy } from '../promql.js';
import { RATE_INTERVAL } from './range.js';

const PERCENTILES = [0.5, 0.95, 0.99] as const;

const percentileLabel = (q: number) => `p${Math.round(q * 100)}`;

/** Duration percentiles, time to first token, Groq queue time, output speed, errors. */
export const latency: PrometheusDashboardSpec = {
  datasource: 'prometheus',
  uid: 'groqmeter-latency',
  title: 'groqmeter / Latency & speed',
  description:
    'End-to-end duration and time to first token as the client sees them, Groq’s own queue time and output speed, and errors by type.',
  file: 'latency.json',
  rows: [
    [
      {
        kind: 'timeseries',
        title: 'Operation duration',
        description:
          'p50, p95 and p99 of the end-to-end operation duration (gen_ai.client.operation.duration).',
        unit: 's',
        thresholds: rising(5, 10),
        width: 12,
        height: 8,
        targets: PERCENTILES.map((q) => ({
          expr: quantile(q, SERIES.operationDuration),
          legend: percentileLabel(q),
        })),
      },
      {
        kind: 'timeseries',
        title: 'p95 duration by model',
        description: '95th percentile of the operation duration, per requested model.',
        unit: 's',
        thresholds: rising(5, 10),
        width: 12,
        height: 8,
        targets: [
          {
            expr: quantile(0.95, SERIES.operationDuration, ['gen_ai_request_model']),
            legend: '{{gen_ai_request_model}}',
          },
        ],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Time to first token',
        description:
          'p50 and p95 of the time from request to the first streamed chunk (gen_ai.client.operation.time_to_first_chunk); streaming calls only.',
        unit: 's',
        thresholds: rising(1, 2),
        width: 12,
        height: 8,
        targets: [0.5, 0.95].map((q) => ({
          expr: quantile(q, SERIES.timeToFirstChunk),
          legend: percentileLabel(q),
        })),
      },
      {
        kind: 'timeseries',
        title: 'Groq queue time',
        description: 'p50 and p95 of the time requests waited in Groq’s queue (usage.queue_time), by model.',
        unit: 's',
        thresholds: rising(0.5, 2),
        width: 12,
        height: 8,
        targets: [0.5, 0.95].map((q) => ({
          expr: quantile(q, SERIES.serverQueueTime, ['model']),
          legend: `{{model}} ${percentileLabel(q)}`,
        })),
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Server output speed',
        description:
          'Output tokens per second of generation on Groq’s side (completion tokens ÷ usage.completion_time): mean and p50 by model.',
        unit: 'suffix: tok/s',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          {
            expr:
              `${sumBy(['model'], `rate(${select(SERIES.serverOutputTokensPerSecond, { part: '_sum' })}[${RATE_INTERVAL}])`)}` +
              ` / ${sumBy(['model'], `rate(${select(SERIES.serverOutputTokensPerSecond, { part: '_count' })}[${RATE_INTERVAL}])`)}`,
            legend: '{{model}} mean',
          },
          { expr: quantile(0.5, SERIES.serverOutputTokensPerSecond, ['model']), legend: '{{model}} p50' },
        ],
      },
      {
        kind: 'timeseries',
        title: 'Errors by type',
        description:
          'Failed operations per second by error type (after the SDK retries), e.g. RateLimitError, APIConnectionError.',
        unit: 'reqps',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          {
            expr: sumBy(
              ['error_type'],
              `rate(${select(SERIES.requests, { where: ['outcome="error"'] })}[${RATE_INTERVAL}])`,
            ),
            legend: '{{error_type}}',
          },
        ],
      },
    ],
  ],
};
