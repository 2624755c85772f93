import type { Usage } from '@groqmeter/pricing';
import type { Attributes } from '@opentelemetry/api';
import type { RateLimitWindow } from './rate-limit-headers.js';
import { NO_ATTRIBUTION, type RecorderFamilies } from './recorder-metrics.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  LABEL_BASELINE_MODEL,
  LABEL_BATCH,
  LABEL_COMPONENT,
  LABEL_ERROR_TYPE,
  LABEL_MODEL,
  LABEL_OPERATION,
  LABEL_OUTCOME,
  LABEL_PRICING,
  LABEL_PROVIDER,
  LABEL_RESOURCE,
  LABEL_RULE,
  LABEL_SERVICE_TIER,
  LABEL_STATUS_CODE,
  LABEL_TOOL,
  LABEL_TYPE,
  TOKEN_TYPE_VALUE_AUDIO_INPUT,
  TOKEN_TYPE_VALUE_AUDIO_OUTPUT,
  TOKEN_TYPE_VALUE_CACHED_INPUT,
  TOKEN_TYPE_VALUE_INPUT,
  TOKEN_TYPE_VALUE_OUTPUT,
  TOKEN_TYPE_VALUE_REASONING,
} from './semconv.js';
import type { Series } from './series.js';
import { orderedLabelKey } from './series-cap.js';
import { isCount, keyPart } from './span-attributes.js';
import type { ServerTiming } from './types.js';

/**
 * One part of a series cache key: length-prefixed, so that keys built from the same parts in the
 * same order can never collide whatever the values hold.
 */
const part: (text: string) => string = keyPart;

/** What an operation's metrics are labelled with, fixed at its start. */
export interface OperationLabels {
  operation: string;
  provider: string;
  requestModel: string | undefined;
  /** Semconv metric attributes known at the start (the chunk histograms use them as they are). */
  startMetricAttributes: Attributes;
  /** Their cache key (`startMetricKey`). */
  startMetricKey: string;
  /** The allow-listed attribution labels of the operation. */
  attributionLabels: Attributes;
}

/**
 * Every metric point of one operation. Each point resolves its series with one cache key built
 * from the label values (the attribution labels' part computed once per operation) and one
 * lookup; the label objects are built only the first time a recorder sees the series.
 */
export class OperationMetrics {
  private readonly attributionKeys: readonly string[];
  /** {@link orderedLabelKey} of the attribution labels, the prefix of every attributed key. */
  private readonly attributionKey: string;
  private readonly startKey: string;
  private responseModel: string | undefined;
  /** `{ model, operation, provider }` and its key, rebuilt when the response model arrives. */
  private cachedGroqLabels: Attributes | undefined;
  private cachedGroqKey = '';
  private cachedMetricAttributes: Attributes | undefined;
  private cachedMetricKey = '';
  /** `time_per_output_chunk`'s series, resolved at the second chunk: a chunk is one `record`. */
  private chunkSeries: Series | undefined;

  constructor(
    private readonly families: RecorderFamilies,
    private readonly onCost: ((usd: number, attributes: Attributes) => void) | undefined,
    private readonly labels: OperationLabels,
  ) {
    this.attributionKeys = Object.keys(labels.attributionLabels);
    this.attributionKey = orderedLabelKey(labels.attributionLabels);
    this.startKey = labels.startMetricKey;
  }

  /** `model` label: the requested model, else the response model once known. */
  get model(): string {
    return this.labels.requestModel ?? this.responseModel ?? '';
  }

  setResponseModel(responseModel: string): void {
    if (responseModel === this.responseModel) return;
    this.responseModel = responseModel;
    this.cachedGroqLabels = undefined;
    this.cachedMetricAttributes = undefined;
  }

  firstChunk(seconds: number): void {
    const family = this.families.timeToFirstChunk;
    const attributes = this.labels.startMetricAttributes;
    (family.get(this.startKey) ?? family.admit(this.startKey, attributes, NO_ATTRIBUTION)).record(seconds);
  }

  nextChunk(seconds: number): void {
    if (this.chunkSeries === undefined) {
      const family = this.families.timePerOutputChunk;
      this.chunkSeries =
        family.get(this.startKey) ??
        family.admit(this.startKey, this.labels.startMetricAttributes, NO_ATTRIBUTION);
    }
    this.chunkSeries.record(seconds);
  }

  /** `groq.requests` and `gen_ai.client.operation.duration` of the finished operation. */
  outcome(outcome: string, seconds: number, errorType?: string, status?: number): void {
    const statusCode = status === undefined ? '' : String(status);
    const requests = this.families.requests;
    const requestsKey = `${this.attributionKey}${this.groqKey}${part(outcome)}${part(errorType ?? '')}${part(statusCode)}`;
    (
      requests.get(requestsKey) ??
      requests.admit(
        requestsKey,
        this.withAttribution({
          ...this.groqLabels,
          [LABEL_OUTCOME]: outcome,
          [LABEL_ERROR_TYPE]: errorType ?? '',
          [LABEL_STATUS_CODE]: statusCode,
        }),
        this.attributionKeys,
      )
    ).record(1);
    const duration = this.families.operationDuration;
    const durationKey = `${this.attributionKey}${this.metricKey}${errorType === undefined ? '-' : part(errorType)}`;
    (
      duration.get(durationKey) ??
      duration.admit(
        durationKey,
        this.withAttribution(
          errorType === undefined
            ? this.metricAttributes
            : { ...this.metricAttributes, [ATTR_ERROR_TYPE]: errorType },
        ),
        this.attributionKeys,
      )
    ).record(seconds);
  }

  /** The last rate-limit window the headers told about (Groq's budgets are per model). */
  rateLimitWindow(resource: string, window: RateLimitWindow): void {
    const model = this.model;
    if (model === '') return;
    const key = part(model) + part(resource);
    const labels = (): Attributes => ({ [LABEL_MODEL]: model, [LABEL_RESOURCE]: resource });
    const { rateLimitLimit, rateLimitRemaining, rateLimitResetSeconds } = this.families;
    if (window.limit !== undefined) {
      (rateLimitLimit.get(key) ?? rateLimitLimit.admit(key, labels(), NO_ATTRIBUTION)).record(window.limit);
    }
    if (window.remaining !== undefined) {
      (rateLimitRemaining.get(key) ?? rateLimitRemaining.admit(key, labels(), NO_ATTRIBUTION)).record(
        window.remaining,
      );
    }
    if (window.resetSeconds !== undefined) {
      (rateLimitResetSeconds.get(key) ?? rateLimitResetSeconds.admit(key, labels(), NO_ATTRIBUTION)).record(
        window.resetSeconds,
      );
    }
  }

  retryAfter(seconds: number): void {
    this.byModel(this.families.retryAfterSeconds).record(seconds);
  }

  rateLimitHit(): void {
    this.byModel(this.families.rateLimitHits).record(1);
  }

  serverTiming(timing: ServerTiming, usage: Usage | undefined): void {
    const { serverQueueTime, serverPromptTime, serverCompletionTime } = this.families;
    if (isCount(timing.queueTime)) this.byGroqLabels(serverQueueTime).record(timing.queueTime);
    if (isCount(timing.promptTime)) this.byGroqLabels(serverPromptTime).record(timing.promptTime);
    if (isCount(timing.completionTime)) this.byGroqLabels(serverCompletionTime).record(timing.completionTime);
    const outputTokens = usage?.outputTokens;
    if (
      isCount(outputTokens) &&
      outputTokens > 0 &&
      isCount(timing.completionTime) &&
      timing.completionTime > 0
    ) {
      this.byModel(this.families.serverOutputTokensPerSecond).record(outputTokens / timing.completionTime);
    }
  }

  /**
   * Tokens as Groq reports them. `input` is every prompt token (cached included) and `output` every
   * completion token (reasoning included); `cached_input` and `reasoning` are the subsets, as in
   * the semantic conventions. Uncached input is `input - cached_input`.
   */
  tokens(usage: Usage): void {
    this.tokenUsage(usage.inputTokens, GEN_AI_TOKEN_TYPE_VALUE_INPUT);
    this.tokenUsage(usage.outputTokens, GEN_AI_TOKEN_TYPE_VALUE_OUTPUT);
    this.groqTokens(usage.inputTokens, TOKEN_TYPE_VALUE_INPUT);
    this.groqTokens(usage.cachedInputTokens, TOKEN_TYPE_VALUE_CACHED_INPUT);
    this.groqTokens(usage.outputTokens, TOKEN_TYPE_VALUE_OUTPUT);
    this.groqTokens(usage.reasoningTokens, TOKEN_TYPE_VALUE_REASONING);
    this.groqTokens(usage.audioInputTokens, TOKEN_TYPE_VALUE_AUDIO_INPUT);
    this.groqTokens(usage.audioOutputTokens, TOKEN_TYPE_VALUE_AUDIO_OUTPUT);
  }

  /** Speech characters and built-in tool calls. */
  usageCounts(usage: Usage): void {
    if (isCount(usage.characters)) this.byModel(this.families.speechCharacters).record(usage.characters);
    const toolCalls = usage.toolCalls;
    if (toolCalls === undefined) return;
    const family = this.families.toolCalls;
    const model = this.model;
    for (const tool in toolCalls) {
      const calls = toolCalls[tool];
      if (!isCount(calls)) continue;
      const key = part(tool) + part(model);
      (
        family.get(key) ?? family.admit(key, { [LABEL_TOOL]: tool, [LABEL_MODEL]: model }, NO_ATTRIBUTION)
      ).record(calls);
    }
  }

  /** One operation in `groq.priced.operations`. */
  pricing(pricing: string): void {
    const family = this.families.pricedOperations;
    const key = this.attributionKey + this.groqKey + part(pricing);
    (
      family.get(key) ??
      family.admit(
        key,
        this.withAttribution({ ...this.groqLabels, [LABEL_PRICING]: pricing }),
        this.attributionKeys,
      )
    ).record(1);
  }

  /** One cost component in `groq.cost.usd`. */
  cost(component: string, usd: number, serviceTier: string, batch: boolean): void {
    const family = this.families.cost;
    const batchLabel = batch ? 'true' : 'false';
    const key = this.attributionKey + this.groqKey + part(serviceTier) + batchLabel + part(component);
    const series =
      family.get(key) ??
      family.admit(
        key,
        this.withAttribution({
          ...this.groqLabels,
          [LABEL_SERVICE_TIER]: serviceTier,
          [LABEL_BATCH]: batchLabel,
          [LABEL_COMPONENT]: component,
        }),
        this.attributionKeys,
      );
    series.record(usd);
    this.onCost?.(usd, series.attributes);
  }

  baselineCost(baselineModel: string, usd: number): void {
    const family = this.families.baselineCost;
    const key = this.attributionKey + this.groqKey + part(baselineModel);
    (
      family.get(key) ??
      family.admit(
        key,
        this.withAttribution({ ...this.groqLabels, [LABEL_BASELINE_MODEL]: baselineModel }),
        this.attributionKeys,
      )
    ).record(usd);
  }

  audioBilled(seconds: number): void {
    this.byGroqLabels(this.families.audioBilledSeconds).record(seconds);
  }

  usageReconciled(rule: string): void {
    const family = this.families.usageReconciled;
    (family.get(rule) ?? family.admit(rule, { [LABEL_RULE]: rule }, NO_ATTRIBUTION)).record(1);
  }

  /** One `gen_ai.client.token.usage` point (semconv token types). */
  private tokenUsage(count: number | undefined, type: string): void {
    if (!isCount(count)) return;
    const family = this.families.tokenUsage;
    const key = this.metricKey + part(type);
    (
      family.get(key) ??
      family.admit(key, { ...this.metricAttributes, [ATTR_GEN_AI_TOKEN_TYPE]: type }, NO_ATTRIBUTION)
    ).record(count);
  }

  /** One `groq.tokens` point (groq token types). */
  private groqTokens(count: number | undefined, type: string): void {
    if (!isCount(count)) return;
    const family = this.families.tokens;
    const key = this.attributionKey + this.groqKey + part(type);
    (
      family.get(key) ??
      family.admit(
        key,
        this.withAttribution({ ...this.groqLabels, [LABEL_TYPE]: type }),
        this.attributionKeys,
      )
    ).record(count);
  }

  /** The series labelled `{ model }` alone. */
  private byModel(family: RecorderFamilies[keyof RecorderFamilies]): Series {
    const model = this.model;
    const key = part(model);
    return family.get(key) ?? family.admit(key, { [LABEL_MODEL]: model }, NO_ATTRIBUTION);
  }

  /** The series labelled `{ model, operation, provider }` alone. */
  private byGroqLabels(family: RecorderFamilies[keyof RecorderFamilies]): Series {
    const key = this.groqKey;
    return family.get(key) ?? family.admit(key, this.groqLabels, NO_ATTRIBUTION);
  }

  /** The attribution labels first, then `attributes` (a user key never overwrites groqmeter's). */
  private withAttribution(attributes: Attributes): Attributes {
    return this.attributionKeys.length === 0
      ? attributes
      : { ...this.labels.attributionLabels, ...attributes };
  }

  /**
   * `{ model, operation, provider }`, built once per model. Never mutated once handed out: a series
   * keeps the first attributes object it was created with.
   */
  private get groqLabels(): Attributes {
    if (this.cachedGroqLabels === undefined) this.buildGroqLabels();
    return this.cachedGroqLabels!;
  }

  private get groqKey(): string {
    if (this.cachedGroqLabels === undefined) this.buildGroqLabels();
    return this.cachedGroqKey;
  }

  private buildGroqLabels(): void {
    const { operation, provider } = this.labels;
    const model = this.model;
    this.cachedGroqLabels = {
      [LABEL_MODEL]: model,
      [LABEL_OPERATION]: operation,
      [LABEL_PROVIDER]: provider,
    };
    this.cachedGroqKey = part(model) + part(operation) + part(provider);
  }

  /** The start's semconv attributes, plus `gen_ai.response.model` once known. */
  private get metricAttributes(): Attributes {
    if (this.cachedMetricAttributes === undefined) this.buildMetricAttributes();
    return this.cachedMetricAttributes!;
  }

  private get metricKey(): string {
    if (this.cachedMetricAttributes === undefined) this.buildMetricAttributes();
    return this.cachedMetricKey;
  }

  private buildMetricAttributes(): void {
    const start = this.labels.startMetricAttributes;
    this.cachedMetricAttributes =
      this.responseModel === undefined
        ? start
        : { ...start, [ATTR_GEN_AI_RESPONSE_MODEL]: this.responseModel };
    // `|` starts no part: the start's key and the response model's part cannot run into each other.
    this.cachedMetricKey =
      this.responseModel === undefined ? this.startKey : `${this.startKey}|${part(this.responseModel)}`;
  }
}
