import type { Usage } from '@groqmeter/pricing';
import type { Attributes } from '@opentelemetry/api';
import {
  kept,
  type LabelContext,
  type ModelSeries,
  type ResponseSeries,
  type ValuedSlots,
} from './label-context.js';
import type { RateLimitWindow } from './rate-limit-headers.js';
import { type FamilySeries, NO_ATTRIBUTION, type RecorderFamilies } from './recorder-metrics.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_TOKEN_TYPE,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  LABEL_BASELINE_MODEL,
  LABEL_BATCH,
  LABEL_COMPONENT,
  LABEL_ERROR_TYPE,
  LABEL_MODEL,
  LABEL_OUTCOME,
  LABEL_PRICING,
  LABEL_RESOURCE,
  LABEL_RULE,
  LABEL_SERVICE_TIER,
  LABEL_STATUS_CODE,
  LABEL_TOOL,
  LABEL_TYPE,
  OUTCOME_VALUE_SUCCESS,
  RESOURCE_VALUE_REQUESTS,
  RESOURCE_VALUE_TOKENS,
  TOKEN_TYPE_VALUE_AUDIO_INPUT,
  TOKEN_TYPE_VALUE_AUDIO_OUTPUT,
  TOKEN_TYPE_VALUE_CACHED_INPUT,
  TOKEN_TYPE_VALUE_INPUT,
  TOKEN_TYPE_VALUE_OUTPUT,
  TOKEN_TYPE_VALUE_REASONING,
} from './semconv.js';
import type { Series } from './series.js';
import { isCount, keyPart } from './span-attributes.js';
import type { ServerTiming } from './types.js';

/**
 * One part of a series cache key: length-prefixed, so that keys built from the same parts in the
 * same order can never collide whatever the values hold.
 */
const part: (text: string) => string = keyPart;

/** The series of `family` under `key`, admitted with `attributes` when the family has not cached it. */
function resolve(
  family: FamilySeries,
  key: string,
  attributes: Attributes,
  attributionKeys: readonly string[],
): Series {
  return family.get(key) ?? family.admit(key, attributes, attributionKeys);
}

/** Where a resource's limit, remaining and reset series start in {@link ModelSeries.rateLimit}. */
function rateLimitSlots(resource: string): number | undefined {
  if (resource === RESOURCE_VALUE_REQUESTS) return 0;
  return resource === RESOURCE_VALUE_TOKENS ? 3 : undefined;
}

/**
 * Every metric point of one operation. The series come from the operation's {@link LabelContext},
 * shared by every operation with the same start and attribution labels: a point whose series the
 * context already holds is one field read (or a scan of a few label values) and one `record`. The
 * first time, the series is resolved through the family's cache (one key built from the label
 * values, one lookup; the label objects built only the first time a recorder sees the series) and
 * kept in the context, unless the series cap refused it.
 */
export class OperationMetrics {
  private responseModel: string | undefined;
  /** The context's series of this operation's `model`, once asked for (reset when it changes). */
  private modelSeries: ModelSeries | undefined;
  /** The context's series of this operation's response model, once asked for. */
  private responseSeries: ResponseSeries | undefined;

  constructor(
    private readonly families: RecorderFamilies,
    private readonly onCost: ((usd: number, attributes: Attributes) => void) | undefined,
    private readonly context: LabelContext,
    private readonly requestModel: string | undefined,
  ) {}

  /** `model` label: the requested model, else the response model once known. */
  get model(): string {
    return this.requestModel ?? this.responseModel ?? '';
  }

  setResponseModel(responseModel: string): void {
    if (responseModel === this.responseModel) return;
    this.responseModel = responseModel;
    this.modelSeries = undefined;
    this.responseSeries = undefined;
  }

  firstChunk(seconds: number): void {
    const context = this.context;
    context.timeToFirstChunk ??= resolve(
      this.families.timeToFirstChunk,
      context.startKey,
      context.startAttributes,
      NO_ATTRIBUTION,
    );
    context.timeToFirstChunk.record(seconds);
  }

  nextChunk(seconds: number): void {
    const context = this.context;
    context.timePerOutputChunk ??= resolve(
      this.families.timePerOutputChunk,
      context.startKey,
      context.startAttributes,
      NO_ATTRIBUTION,
    );
    context.timePerOutputChunk.record(seconds);
  }

  /** `groq.requests` and `gen_ai.client.operation.duration` of the finished operation. */
  outcome(outcome: string, seconds: number, errorType?: string, status?: number): void {
    const context = this.context;
    const byModel = this.groq();
    const plain = outcome === OUTCOME_VALUE_SUCCESS && errorType === undefined && status === undefined;
    let requests = plain ? byModel.succeeded : undefined;
    if (requests === undefined) {
      const family = this.families.requests;
      const statusCode = status === undefined ? '' : String(status);
      const key = `${context.attributionKey}${byModel.groqKey}${part(outcome)}${part(errorType ?? '')}${part(statusCode)}`;
      requests = resolve(
        family,
        key,
        context.withAttribution({
          ...byModel.groqLabels,
          [LABEL_OUTCOME]: outcome,
          [LABEL_ERROR_TYPE]: errorType ?? '',
          [LABEL_STATUS_CODE]: statusCode,
        }),
        context.attributionKeys,
      );
      if (plain) byModel.succeeded = kept(family, key, requests);
    }
    requests.record(1);
    const response = this.response();
    let duration = errorType === undefined ? response.succeeded : undefined;
    if (duration === undefined) {
      const family = this.families.operationDuration;
      const key = `${context.attributionKey}${response.key}${errorType === undefined ? '-' : part(errorType)}`;
      duration = resolve(
        family,
        key,
        context.withAttribution(
          errorType === undefined
            ? response.attributes
            : { ...response.attributes, [ATTR_ERROR_TYPE]: errorType },
        ),
        context.attributionKeys,
      );
      if (errorType === undefined) response.succeeded = kept(family, key, duration);
    }
    duration.record(seconds);
  }

  /** The last rate-limit window the headers told about (Groq's budgets are per model). */
  rateLimitWindow(resource: string, window: RateLimitWindow): void {
    if (this.model === '') return;
    const slots = rateLimitSlots(resource);
    if (window.limit !== undefined) this.rateLimit(resource, slots, 0).record(window.limit);
    if (window.remaining !== undefined) this.rateLimit(resource, slots, 1).record(window.remaining);
    if (window.resetSeconds !== undefined) this.rateLimit(resource, slots, 2).record(window.resetSeconds);
  }

  retryAfter(seconds: number): void {
    const byModel = this.groq();
    byModel.retryAfter ??= this.byModel(this.families.retryAfterSeconds, byModel);
    byModel.retryAfter.record(seconds);
  }

  rateLimitHit(): void {
    const byModel = this.groq();
    byModel.rateLimitHits ??= this.byModel(this.families.rateLimitHits, byModel);
    byModel.rateLimitHits.record(1);
  }

  serverTiming(timing: ServerTiming, usage: Usage | undefined): void {
    const byModel = this.groq();
    const families = this.families;
    if (isCount(timing.queueTime)) {
      byModel.serverQueueTime ??= this.byGroqLabels(families.serverQueueTime, byModel);
      byModel.serverQueueTime.record(timing.queueTime);
    }
    if (isCount(timing.promptTime)) {
      byModel.serverPromptTime ??= this.byGroqLabels(families.serverPromptTime, byModel);
      byModel.serverPromptTime.record(timing.promptTime);
    }
    if (isCount(timing.completionTime)) {
      byModel.serverCompletionTime ??= this.byGroqLabels(families.serverCompletionTime, byModel);
      byModel.serverCompletionTime.record(timing.completionTime);
    }
    const outputTokens = usage?.outputTokens;
    if (
      isCount(outputTokens) &&
      outputTokens > 0 &&
      isCount(timing.completionTime) &&
      timing.completionTime > 0
    ) {
      byModel.serverOutputTokensPerSecond ??= this.byModel(families.serverOutputTokensPerSecond, byModel);
      byModel.serverOutputTokensPerSecond.record(outputTokens / timing.completionTime);
    }
  }

  /**
   * Tokens as Groq reports them. `input` is every prompt token (cached included) and `output` every
   * completion token (reasoning included); `cached_input` and `reasoning` are the subsets, as in
   * the semantic conventions. Uncached input is `input - cached_input`.
   */
  tokens(usage: Usage): void {
    const response = this.response();
    this.tokenUsage(response, usage.inputTokens, GEN_AI_TOKEN_TYPE_VALUE_INPUT);
    this.tokenUsage(response, usage.outputTokens, GEN_AI_TOKEN_TYPE_VALUE_OUTPUT);
    const byModel = this.groq();
    this.groqTokens(byModel, usage.inputTokens, TOKEN_TYPE_VALUE_INPUT);
    this.groqTokens(byModel, usage.cachedInputTokens, TOKEN_TYPE_VALUE_CACHED_INPUT);
    this.groqTokens(byModel, usage.outputTokens, TOKEN_TYPE_VALUE_OUTPUT);
    this.groqTokens(byModel, usage.reasoningTokens, TOKEN_TYPE_VALUE_REASONING);
    this.groqTokens(byModel, usage.audioInputTokens, TOKEN_TYPE_VALUE_AUDIO_INPUT);
    this.groqTokens(byModel, usage.audioOutputTokens, TOKEN_TYPE_VALUE_AUDIO_OUTPUT);
  }

  /** Speech characters and built-in tool calls. */
  usageCounts(usage: Usage): void {
    if (isCount(usage.characters)) {
      const byModel = this.groq();
      byModel.speechCharacters ??= this.byModel(this.families.speechCharacters, byModel);
      byModel.speechCharacters.record(usage.characters);
    }
    const toolCalls = usage.toolCalls;
    if (toolCalls === undefined) return;
    const family = this.families.toolCalls;
    const model = this.model;
    for (const tool in toolCalls) {
      const calls = toolCalls[tool];
      if (!isCount(calls)) continue;
      const key = part(tool) + part(model);
      resolve(family, key, { [LABEL_TOOL]: tool, [LABEL_MODEL]: model }, NO_ATTRIBUTION).record(calls);
    }
  }

  /** One operation in `groq.priced.operations`. */
  pricing(pricing: string): void {
    const byModel = this.groq();
    this.byGroqLabel(this.families.pricedOperations, byModel, byModel.pricing, LABEL_PRICING, pricing).record(
      1,
    );
  }

  /** One cost component in `groq.cost.usd`. */
  cost(component: string, usd: number, serviceTier: string, batch: boolean): void {
    const context = this.context;
    const byModel = this.groq();
    const batchLabel = batch ? 'true' : 'false';
    let series = byModel.cost.find(component, serviceTier, batchLabel);
    if (series === undefined) {
      const family = this.families.cost;
      const key = context.attributionKey + byModel.groqKey + part(serviceTier) + batchLabel + part(component);
      series = resolve(
        family,
        key,
        context.withAttribution({
          ...byModel.groqLabels,
          [LABEL_SERVICE_TIER]: serviceTier,
          [LABEL_BATCH]: batchLabel,
          [LABEL_COMPONENT]: component,
        }),
        context.attributionKeys,
      );
      byModel.cost.keep(kept(family, key, series), component, serviceTier, batchLabel);
    }
    series.record(usd);
    this.onCost?.(usd, series.attributes);
  }

  baselineCost(baselineModel: string, usd: number): void {
    const byModel = this.groq();
    const family = this.families.baselineCost;
    this.byGroqLabel(family, byModel, byModel.baselineCost, LABEL_BASELINE_MODEL, baselineModel).record(usd);
  }

  audioBilled(seconds: number): void {
    const byModel = this.groq();
    byModel.audioBilledSeconds ??= this.byGroqLabels(this.families.audioBilledSeconds, byModel);
    byModel.audioBilledSeconds.record(seconds);
  }

  usageReconciled(rule: string): void {
    resolve(this.families.usageReconciled, rule, { [LABEL_RULE]: rule }, NO_ATTRIBUTION).record(1);
  }

  /** The context's series labelled with this operation's model. */
  private groq(): ModelSeries {
    this.modelSeries ??= this.context.modelSeries(this.model);
    return this.modelSeries;
  }

  /** The context's series labelled with the start's attributes and this response model. */
  private response(): ResponseSeries {
    this.responseSeries ??= this.context.responseSeries(this.responseModel);
    return this.responseSeries;
  }

  /** One `x-ratelimit-*` series: `field` 0 limit, 1 remaining, 2 reset, after the resource's `slots`. */
  private rateLimit(resource: string, slots: number | undefined, field: number): Series {
    const byModel = this.groq();
    const slot = slots === undefined ? undefined : slots + field;
    const cached = slot === undefined ? undefined : byModel.rateLimit[slot];
    if (cached !== undefined) return cached;
    const families = this.families;
    const family =
      field === 0
        ? families.rateLimitLimit
        : field === 1
          ? families.rateLimitRemaining
          : families.rateLimitResetSeconds;
    const series = resolve(
      family,
      byModel.modelKey + part(resource),
      { [LABEL_MODEL]: byModel.model, [LABEL_RESOURCE]: resource },
      NO_ATTRIBUTION,
    );
    if (slot !== undefined) byModel.rateLimit[slot] = series;
    return series;
  }

  /** One `gen_ai.client.token.usage` point (semconv token types). */
  private tokenUsage(response: ResponseSeries, count: number | undefined, type: string): void {
    if (!isCount(count)) return;
    let series = response.tokenUsage.find(type);
    if (series === undefined) {
      const attributes = { ...response.attributes, [ATTR_GEN_AI_TOKEN_TYPE]: type };
      series = resolve(this.families.tokenUsage, response.key + part(type), attributes, NO_ATTRIBUTION);
      response.tokenUsage.keep(series, type);
    }
    series.record(count);
  }

  /** One `groq.tokens` point (groq token types). */
  private groqTokens(byModel: ModelSeries, count: number | undefined, type: string): void {
    if (!isCount(count)) return;
    this.byGroqLabel(this.families.tokens, byModel, byModel.tokens, LABEL_TYPE, type).record(count);
  }

  /**
   * The series labelled with the model's groq labels, the attribution and `label: value`, kept in
   * `slots` so that the next operation with this label context finds it without a key or lookup.
   */
  private byGroqLabel(
    family: FamilySeries,
    byModel: ModelSeries,
    slots: ValuedSlots,
    label: string,
    value: string,
  ): Series {
    const found = slots.find(value);
    if (found !== undefined) return found;
    const context = this.context;
    const key = context.attributionKey + byModel.groqKey + part(value);
    const series = resolve(
      family,
      key,
      context.withAttribution({ ...byModel.groqLabels, [label]: value }),
      context.attributionKeys,
    );
    slots.keep(kept(family, key, series), value);
    return series;
  }

  /** The series labelled `{ model }` alone (no attribution: the cap never refuses it). */
  private byModel(family: FamilySeries, byModel: ModelSeries): Series {
    return resolve(family, byModel.modelKey, { [LABEL_MODEL]: byModel.model }, NO_ATTRIBUTION);
  }

  /** The series labelled `{ model, operation, provider }` alone (no attribution). */
  private byGroqLabels(family: FamilySeries, byModel: ModelSeries): Series {
    return resolve(family, byModel.groqKey, byModel.groqLabels, NO_ATTRIBUTION);
  }
}
