import { ValueType } from '@opentelemetry/api';
import {
  GEN_AI_OPERATION_SECONDS_BUCKETS,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
  METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_GROQ_AUDIO_BILLED_SECONDS,
  METRIC_GROQ_COST_BASELINE_USD,
  METRIC_GROQ_COST_USD,
  METRIC_GROQ_PRICED_OPERATIONS,
  METRIC_GROQ_RATELIMIT_HITS,
  METRIC_GROQ_RATELIMIT_LIMIT,
  METRIC_GROQ_RATELIMIT_REMAINING,
  METRIC_GROQ_RATELIMIT_RESET_SECONDS,
  METRIC_GROQ_REQUESTS,
  METRIC_GROQ_RETRY_AFTER_SECONDS,
  METRIC_GROQ_SERVER_COMPLETION_TIME_SECONDS,
  METRIC_GROQ_SERVER_OUTPUT_TOKENS_PER_SECOND,
  METRIC_GROQ_SERVER_PROMPT_TIME_SECONDS,
  METRIC_GROQ_SERVER_QUEUE_TIME_SECONDS,
  METRIC_GROQ_SPEECH_CHARACTERS,
  METRIC_GROQ_TOKENS,
  METRIC_GROQ_TOOL_CALLS,
  METRIC_GROQMETER_DROPPED,
  METRIC_GROQMETER_USAGE_RECONCILED,
} from './semconv.js';

/** Bucket boundaries of the `groq.server.*_time.seconds` histograms. */
export const SERVER_TIME_SECONDS_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];
/** Bucket boundaries of `groq.retry_after.seconds`. */
export const RETRY_AFTER_SECONDS_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 86400];
/** Bucket boundaries of `groq.server.output_tokens_per_second`. */
export const OUTPUT_TOKENS_PER_SECOND_BUCKETS = [
  10, 25, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000,
];

/** The rate-limit gauges count requests or tokens, depending on their `resource` label. */
const RATE_LIMIT_UNIT = '{request_or_token}';

/** How a metric family aggregates: a monotonic sum, a last value, or an explicit-bucket histogram. */
export type MetricKind = 'counter' | 'gauge' | 'histogram';

/** One metric family as exporters describe it (see `docs/telemetry.md`). */
export interface MetricFamily {
  readonly name: string;
  readonly kind: MetricKind;
  readonly unit: string;
  /** Help text (Prometheus needs one). */
  readonly description: string;
  readonly valueType: ValueType;
  /** A histogram's bucket boundaries (the SDK's `explicitBucketBoundaries` advice). */
  readonly boundaries?: readonly number[];
}

const histogram = (
  name: string,
  unit: string,
  description: string,
  boundaries: readonly number[],
  valueType: ValueType = ValueType.DOUBLE,
): MetricFamily => ({ name, kind: 'histogram', unit, description, valueType, boundaries });
const counter = (
  name: string,
  unit: string,
  description: string,
  valueType: ValueType = ValueType.DOUBLE,
): MetricFamily => ({ name, kind: 'counter', unit, description, valueType });
const gauge = (name: string, unit: string, description: string): MetricFamily => ({
  name,
  kind: 'gauge',
  unit,
  description,
  valueType: ValueType.DOUBLE,
});

/**
 * The metric families of a recorder, in the order the SDK registered them (and the producer emits
 * them). Both ways of reaching a reader describe them from this table: the metric producer as is,
 * the fallback as SDK instruments with the same options.
 */
export const METRIC_FAMILIES = {
  tokenUsage: histogram(
    METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
    '{token}',
    'Number of input and output tokens used per GenAI operation.',
    GEN_AI_TOKEN_USAGE_BUCKETS,
    ValueType.INT,
  ),
  operationDuration: histogram(
    METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
    's',
    'Duration of GenAI operations, end to end as the client sees them.',
    GEN_AI_OPERATION_SECONDS_BUCKETS,
  ),
  timeToFirstChunk: histogram(
    METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
    's',
    'Time from the start of a streaming GenAI operation to its first output chunk.',
    GEN_AI_OPERATION_SECONDS_BUCKETS,
  ),
  timePerOutputChunk: histogram(
    METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK,
    's',
    'Time between consecutive output chunks of a streaming GenAI operation, after the first.',
    GEN_AI_OPERATION_SECONDS_BUCKETS,
  ),
  tokens: counter(
    METRIC_GROQ_TOKENS,
    '{token}',
    'Groq tokens by type: input (all prompt tokens), cached_input, output (all completion tokens), reasoning.',
    ValueType.INT,
  ),
  cost: counter(METRIC_GROQ_COST_USD, 'USD', 'Groq cost in US dollars by cost component.'),
  baselineCost: counter(
    METRIC_GROQ_COST_BASELINE_USD,
    'USD',
    'What the same usage would have cost on the configured baseline model, in US dollars.',
  ),
  requests: counter(
    METRIC_GROQ_REQUESTS,
    '{request}',
    'Groq operations by outcome: success, error, abandoned.',
    ValueType.INT,
  ),
  rateLimitLimit: gauge(
    METRIC_GROQ_RATELIMIT_LIMIT,
    RATE_LIMIT_UNIT,
    'Last seen x-ratelimit-limit-* header: requests per day or tokens per minute.',
  ),
  rateLimitRemaining: gauge(
    METRIC_GROQ_RATELIMIT_REMAINING,
    RATE_LIMIT_UNIT,
    'Last seen x-ratelimit-remaining-* header: requests or tokens left in the window.',
  ),
  rateLimitResetSeconds: gauge(
    METRIC_GROQ_RATELIMIT_RESET_SECONDS,
    's',
    'Last seen x-ratelimit-reset-* header: seconds until the window resets.',
  ),
  rateLimitHits: counter(
    METRIC_GROQ_RATELIMIT_HITS,
    '{response}',
    'Groq responses with HTTP status 429 (rate limited).',
    ValueType.INT,
  ),
  retryAfterSeconds: histogram(
    METRIC_GROQ_RETRY_AFTER_SECONDS,
    's',
    'Values of the retry-after header sent by Groq, in seconds.',
    RETRY_AFTER_SECONDS_BUCKETS,
  ),
  serverQueueTime: histogram(
    METRIC_GROQ_SERVER_QUEUE_TIME_SECONDS,
    's',
    'Time the request waited in Groq queues, as reported by Groq.',
    SERVER_TIME_SECONDS_BUCKETS,
  ),
  serverPromptTime: histogram(
    METRIC_GROQ_SERVER_PROMPT_TIME_SECONDS,
    's',
    'Time Groq spent processing the prompt, as reported by Groq.',
    SERVER_TIME_SECONDS_BUCKETS,
  ),
  serverCompletionTime: histogram(
    METRIC_GROQ_SERVER_COMPLETION_TIME_SECONDS,
    's',
    'Time Groq spent generating the completion, as reported by Groq.',
    SERVER_TIME_SECONDS_BUCKETS,
  ),
  serverOutputTokensPerSecond: histogram(
    METRIC_GROQ_SERVER_OUTPUT_TOKENS_PER_SECOND,
    '{token}/s',
    'Completion tokens divided by Groq-reported completion time.',
    OUTPUT_TOKENS_PER_SECOND_BUCKETS,
  ),
  audioBilledSeconds: counter(
    METRIC_GROQ_AUDIO_BILLED_SECONDS,
    's',
    'Audio seconds billed for transcription and translation (10 s minimum per request).',
  ),
  speechCharacters: counter(
    METRIC_GROQ_SPEECH_CHARACTERS,
    '{character}',
    'Input characters of text-to-speech requests.',
    ValueType.INT,
  ),
  toolCalls: counter(
    METRIC_GROQ_TOOL_CALLS,
    '{call}',
    'Built-in tool calls (web search, code execution, browser) by tool.',
    ValueType.INT,
  ),
  dropped: counter(
    METRIC_GROQMETER_DROPPED,
    '{event}',
    'Telemetry groqmeter refused or could not process, by reason.',
    ValueType.INT,
  ),
  pricedOperations: counter(
    METRIC_GROQ_PRICED_OPERATIONS,
    '{operation}',
    'Groq operations with billable usage by pricing: exact, partial, stale, unpriced, usage_missing.',
    ValueType.INT,
  ),
  usageReconciled: counter(
    METRIC_GROQMETER_USAGE_RECONCILED,
    '{operation}',
    "Compound usage breakdowns that did not add up to the request's usage, by the rule applied.",
    ValueType.INT,
  ),
} as const satisfies Record<string, MetricFamily>;

/** The key of one metric family in {@link METRIC_FAMILIES}. */
export type FamilyId = keyof typeof METRIC_FAMILIES;
