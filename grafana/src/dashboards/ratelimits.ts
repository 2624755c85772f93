import type { PrometheusDashboardSpec } from '../build-dashboard.js';
import { falling, NEUTRAL, rising } from '../panel-spec.js';
import { quantile, SERIES, select, sumBy } from '../promql.js';
import { growth, HEADROOM, LOWEST_HEADROOM, mean } from './measures.js';
import { RANGE, RATE_INTERVAL } from './range.js';

/** Remaining, limit and reset per model and resource; 429s and `retry-after`. */
export const ratelimits: PrometheusDashboardSpec = {
  datasource: 'prometheus',
  uid: 'groqmeter-ratelimits',
  title: 'groqmeter / Rate-limit headroom',
  description:
    'How close each model is to Groq’s limits (x-ratelimit-* headers: requests per day, tokens per minute), when they reset, and how often 429s and retry-after hit.',
  file: 'ratelimits.json',
  rows: [
    [
      {
        kind: 'stat',
        title: 'Lowest headroom',
        description:
          'The smallest remaining ÷ limit of any model and resource, from the last x-ratelimit-* headers.',
        unit: 'percentunit',
        decimals: 1,
        thresholds: falling(0.1, 0.25),
        width: 8,
        height: 5,
        targets: [{ expr: LOWEST_HEADROOM, expect: 'lowest_headroom' }],
      },
      {
        kind: 'stat',
        title: '429 responses',
        description: 'Responses with HTTP 429 (rate limited) in the dashboard range, retried ones included.',
        unit: 'short',
        thresholds: rising(1, 10),
        width: 8,
        height: 5,
        targets: [{ expr: growth(SERIES.rateLimitHits, RANGE), expect: 'ratelimit_hits' }],
      },
      {
        kind: 'stat',
        title: 'Average retry-after',
        description: 'Mean retry-after Groq asked for on 429 responses in the dashboard range.',
        unit: 's',
        decimals: 1,
        thresholds: rising(10, 60),
        width: 8,
        height: 5,
        targets: [{ expr: mean(SERIES.retryAfterSeconds, RANGE) }],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Headroom by model and resource',
        description:
          'remaining ÷ limit per model and resource (requests = per day, tokens = per minute), the lowest any app saw. Below 10% the alert GroqRateLimitHeadroomLow fires after 5 minutes.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        thresholds: falling(0.1, 0.25),
        width: 12,
        height: 9,
        targets: [
          {
            expr: `min by (model, resource) (${HEADROOM})`,
            legend: '{{model}} {{resource}}',
            expect: 'headroom',
          },
        ],
      },
      {
        kind: 'table',
        title: 'Remaining and limit',
        description:
          'The last x-ratelimit-remaining-* (lowest any app saw) and x-ratelimit-limit-* per model and resource.',
        unit: 'short',
        thresholds: NEUTRAL,
        width: 12,
        height: 9,
        targets: [
          {
            expr: `min by (model, resource) (${select(SERIES.rateLimitRemaining)})`,
            expect: 'ratelimit_remaining',
          },
          { expr: `max by (model, resource) (${select(SERIES.rateLimitLimit)})`, expect: 'ratelimit_limit' },
        ],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Time to reset',
        description:
          'Seconds until each window is full again (x-ratelimit-reset-*, e.g. "2m59.56s" = 179.56 s).',
        unit: 's',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          {
            expr: `max by (model, resource) (${select(SERIES.rateLimitResetSeconds)})`,
            legend: '{{model}} {{resource}}',
          },
        ],
      },
      {
        kind: 'timeseries',
        title: '429 responses per second',
        description: 'Rate of HTTP 429 responses by model, retried ones included.',
        unit: 'reqps',
        thresholds: NEUTRAL,
        width: 12,
        height: 8,
        targets: [
          {
            expr: sumBy(['model'], `rate(${select(SERIES.rateLimitHits)}[${RATE_INTERVAL}])`),
            legend: '{{model}}',
          },
        ],
      },
    ],
    [
      {
        kind: 'timeseries',
        title: 'Retry-after',
        description: 'Median and 95th percentile of the retry-after seconds on 429 responses, by model.',
        unit: 's',
        thresholds: NEUTRAL,
        width: 24,
        height: 8,
        targets: [
          { expr: quantile(0.5, SERIES.retryAfterSeconds, ['model']), legend: '{{model}} p50' },
          { expr: quantile(0.95, SERIES.retryAfterSeconds, ['model']), legend: '{{model}} p95' },
        ],
      },
    ],
  ],
};
