import { type BudgetUse, budgetUseOf } from './budget-use.js';
import { type Bucket, histogramQuantile } from './histogram-quantile.js';
import { type MetricSample, parseSampleValue } from './prometheus-text.js';

/** An amount of money or tokens for one value of a label. */
export interface Share {
  key: string;
  value: number;
}

/** Requests one service sent, as the exporter counted them. */
export interface ServiceRequests {
  service: string;
  requests: number;
  errors: number;
  rateLimited: number;
}

/** The last rate-limit state seen for one model and resource (`requests` per day, `tokens` per minute). */
export interface Headroom {
  model: string;
  resource: string;
  remaining: number;
  limit: number;
  /** `remaining / limit`, 0..1. */
  ratio: number;
}

/** The 95th-percentile end-to-end duration for one model, in seconds. */
export interface ModelLatency {
  model: string;
  p95Seconds: number;
  operations: number;
}

/** How the operations with billable usage were priced (`groq_priced_operations_total`). */
export interface PricingCompleteness {
  /** Every operation with billable usage, whatever its pricing outcome. */
  operations: number;
  exact: number;
  partial: number;
  stale: number;
  unpriced: number;
  usageMissing: number;
}

/** What the demo prints at the end, computed from the exporter's `/metrics`. */
export interface MetricsSummary {
  totalSpendUsd: number;
  pricing: PricingCompleteness;
  spendByService: Share[];
  /** Groq and OpenAI (`provider`; series without the label are Groq's). */
  spendByProvider: Share[];
  spendByModel: Share[];
  spendByFeature: Share[];
  tokensByType: Share[];
  requestsByService: ServiceRequests[];
  /** Every model and resource, lowest `remaining / limit` first. */
  headroom: Headroom[];
  /** p95 over all operations, or `undefined` when the exporter has no duration histogram yet. */
  p95Seconds: number | undefined;
  latencyByModel: ModelLatency[];
  /** The exporter's budgets, most used first. */
  budgets: BudgetUse[];
}

/** Shown for operations that name no model (uploading a file, creating a batch). */
export const NO_MODEL = '(no model)';

/** The model a sample is about: `model`, else the semconv request and response models. */
function modelOf(sample: MetricSample): string {
  return (
    sample.labels.model ||
    sample.labels.gen_ai_request_model ||
    sample.labels.gen_ai_response_model ||
    NO_MODEL
  );
}

/** Label value used when a sample has no `feature` label (the call was not attributed). */
export const NO_FEATURE = '(none)';

const COST = 'groq_cost_usd_total';
const PRICED_OPERATIONS = 'groq_priced_operations_total';
const TOKENS = 'groq_tokens_total';
const REQUESTS = 'groq_requests_total';
const RATE_LIMIT_HITS = 'groq_ratelimit_hits_total';
const RATE_LIMIT_LIMIT = 'groq_ratelimit_limit';
const RATE_LIMIT_REMAINING = 'groq_ratelimit_remaining';
/** The OTel Collector spells the semconv histogram with a unit suffix; accept both. */
const DURATION_BUCKET = /^gen_ai_client_operation_duration(_seconds)?_bucket$/;

/**
 * Condenses the samples of the exporter's `/metrics` into the demo's terminal summary: spend by
 * service (`job`, i.e. `service.name`), model and feature; tokens by type; requests, errors and
 * 429s per service; rate-limit headroom; p95 latency from the duration histogram's buckets.
 */
export function summarizeMetrics(samples: readonly MetricSample[]): MetricsSummary {
  const cost = samples.filter((sample) => sample.name === COST);
  const requests = samples.filter((sample) => sample.name === REQUESTS);
  const hits = samples.filter((sample) => sample.name === RATE_LIMIT_HITS);
  const services = new Set([...requests, ...cost].map(serviceOf));
  return {
    totalSpendUsd: sum(cost),
    pricing: pricingOf(samples.filter((sample) => sample.name === PRICED_OPERATIONS)),
    spendByService: sumBy(cost, serviceOf),
    spendByProvider: sumBy(cost, (sample) => sample.labels.provider || 'groq'),
    spendByModel: sumBy(cost, modelOf),
    spendByFeature: sumBy(cost, (sample) => sample.labels.feature || NO_FEATURE),
    tokensByType: sumBy(
      samples.filter((sample) => sample.name === TOKENS),
      (sample) => sample.labels.type ?? '',
    ),
    requestsByService: [...services].sort().map((service) => {
      const mine = (sample: MetricSample) => serviceOf(sample) === service;
      return {
        service,
        requests: sum(requests.filter(mine)),
        errors: sum(requests.filter((sample) => mine(sample) && sample.labels.outcome === 'error')),
        rateLimited: sum(hits.filter(mine)),
      };
    }),
    headroom: headroomOf(samples),
    p95Seconds: histogramQuantile(0.95, bucketsOf(samples.filter(isDurationBucket))),
    latencyByModel: latencyByModel(samples.filter(isDurationBucket)),
    budgets: budgetUseOf(samples),
  };
}

function pricingOf(priced: readonly MetricSample[]): PricingCompleteness {
  const outcome = (pricing: string) => sum(priced.filter((sample) => sample.labels.pricing === pricing));
  return {
    operations: sum(priced),
    exact: outcome('exact'),
    partial: outcome('partial'),
    stale: outcome('stale'),
    unpriced: outcome('unpriced'),
    usageMissing: outcome('usage_missing'),
  };
}

/** The service a sample came from: `job` is how the exporter spells `service.name`. */
function serviceOf(sample: MetricSample): string {
  return sample.labels.job ?? sample.labels.service_name ?? '(unknown)';
}

function sum(samples: readonly MetricSample[]): number {
  return samples.reduce((total, sample) => total + sample.value, 0);
}

/** Sums by a key, largest first (ties by key, so the output is stable). */
function sumBy(samples: readonly MetricSample[], keyOf: (sample: MetricSample) => string): Share[] {
  const totals = new Map<string, number>();
  for (const sample of samples) totals.set(keyOf(sample), (totals.get(keyOf(sample)) ?? 0) + sample.value);
  return [...totals]
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
}

/**
 * Several services report the same model's limits (they share one organisation's quota); the
 * tightest view is the one that matters, so each model and resource keeps its lowest ratio.
 */
function headroomOf(samples: readonly MetricSample[]): Headroom[] {
  const key = (sample: MetricSample) =>
    `${serviceOf(sample)}\u0000${modelOf(sample)}\u0000${sample.labels.resource ?? ''}`;
  const limits = new Map(
    samples.filter((sample) => sample.name === RATE_LIMIT_LIMIT).map((sample) => [key(sample), sample.value]),
  );
  const lowest = new Map<string, Headroom>();
  for (const sample of samples.filter((candidate) => candidate.name === RATE_LIMIT_REMAINING)) {
    const limit = limits.get(key(sample));
    if (limit === undefined || !(limit > 0)) continue;
    const entry: Headroom = {
      model: modelOf(sample),
      resource: sample.labels.resource ?? '',
      remaining: sample.value,
      limit,
      ratio: sample.value / limit,
    };
    const modelKey = `${entry.model}\u0000${entry.resource}`;
    const seen = lowest.get(modelKey);
    if (seen === undefined || entry.ratio < seen.ratio) lowest.set(modelKey, entry);
  }
  return [...lowest.values()].sort(
    (a, b) => a.ratio - b.ratio || a.model.localeCompare(b.model) || a.resource.localeCompare(b.resource),
  );
}

function isDurationBucket(sample: MetricSample): boolean {
  return DURATION_BUCKET.test(sample.name);
}

/** Adds up the buckets of many series with the same bounds, as `sum by (le)` does. */
function bucketsOf(samples: readonly MetricSample[]): Bucket[] {
  const counts = new Map<number, number>();
  for (const sample of samples) {
    const upperBound = parseSampleValue(sample.labels.le ?? '');
    if (upperBound === undefined) continue;
    counts.set(upperBound, (counts.get(upperBound) ?? 0) + sample.value);
  }
  return [...counts].map(([upperBound, count]) => ({ upperBound, count }));
}

function latencyByModel(buckets: readonly MetricSample[]): ModelLatency[] {
  const byModel = new Map<string, MetricSample[]>();
  for (const sample of buckets) {
    const model = modelOf(sample);
    byModel.set(model, [...(byModel.get(model) ?? []), sample]);
  }
  const latencies: ModelLatency[] = [];
  for (const [model, samples] of byModel) {
    const merged = bucketsOf(samples);
    const p95Seconds = histogramQuantile(0.95, merged);
    const operations = merged.find((bucket) => bucket.upperBound === Number.POSITIVE_INFINITY)?.count ?? 0;
    if (p95Seconds !== undefined) latencies.push({ model, p95Seconds, operations });
  }
  return latencies.sort((a, b) => b.p95Seconds - a.p95Seconds || a.model.localeCompare(b.model));
}
