import type { PriceBook, Usage } from '@groqmeter/pricing';
import {
  type Attributes,
  type Context,
  INVALID_SPAN_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { serializeContent } from './content-capture.js';
import { type CostContext, recordCost, recordUsageMissing } from './cost-recording.js';
import { errorHeadersOf, errorMessageForSpan, errorStatusOf, errorTypeOf } from './error-facts.js';
import type { Instruments } from './instruments.js';
import { parseRateLimitHeaders, type RateLimitWindow } from './rate-limit-headers.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_TYPE,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_CHOICE_COUNT,
  ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY,
  ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY,
  ATTR_GEN_AI_REQUEST_SEED,
  ATTR_GEN_AI_REQUEST_STOP_SEQUENCES,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_REQUEST_TEMPERATURE,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_GEN_AI_REQUEST_TOP_P,
  ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_ID,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_TOOL_DEFINITIONS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_GROQ_BATCH,
  ATTR_GROQ_RATELIMIT_REMAINING_REQUESTS,
  ATTR_GROQ_RATELIMIT_REMAINING_TOKENS,
  ATTR_GROQ_REQUEST_ID,
  ATTR_GROQ_REQUEST_REASONING_EFFORT,
  ATTR_GROQ_REQUEST_TOOLS_COUNT,
  ATTR_GROQ_RETRIES,
  ATTR_GROQ_SERVER_COMPLETION_TIME,
  ATTR_GROQ_SERVER_PROMPT_TIME,
  ATTR_GROQ_SERVER_QUEUE_TIME,
  ATTR_GROQ_SERVER_TOTAL_TIME,
  ATTR_GROQ_SERVICE_TIER,
  ATTR_GROQ_USAGE_AUDIO_SECONDS,
  ATTR_GROQ_USAGE_CHARACTERS,
  ATTR_GROQ_USAGE_TOOL_CALLS,
  ATTR_GROQMETER_ABANDONED,
  ATTR_GROQMETER_OPERATION_TYPE,
  ATTR_GROQMETER_SOURCE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  DROPPED_REASON_VALUE_BAD_HEADER,
  DROPPED_REASON_VALUE_USAGE_MISSING,
  ERROR_TYPE_VALUE_OTHER,
  GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  GEN_AI_TOKEN_TYPE_VALUE_INPUT,
  GEN_AI_TOKEN_TYPE_VALUE_OUTPUT,
  LABEL_ERROR_TYPE,
  LABEL_MODEL,
  LABEL_OPERATION,
  LABEL_OUTCOME,
  LABEL_PROVIDER,
  LABEL_RESOURCE,
  LABEL_STATUS_CODE,
  LABEL_TOOL,
  LABEL_TYPE,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GROQ_REQUESTS,
  METRIC_GROQ_TOKENS,
  OUTCOME_VALUE_ABANDONED,
  OUTCOME_VALUE_ERROR,
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
import { orderedLabelKey, type SeriesCap } from './series-cap.js';
import { getActiveOperation, withActiveOperation } from './suppression.js';
import type {
  AiProvider,
  AttemptFacts,
  GroqOperationName,
  OperationFailure,
  OperationHandle,
  OperationResult,
  OperationStart,
  RequestParameters,
  ServerTiming,
} from './types.js';

/** What every operation of one recorder shares. */
export interface OperationDependencies {
  tracer: Tracer;
  instruments: Instruments;
  priceBook: PriceBook;
  baselines: Partial<Record<GroqOperationName, string>> | false;
  captureMessageContent: boolean;
  seriesCap: SeriesCap;
  /** Attribution merged for this operation (see `mergeAttribution`). */
  attribution: Record<string, string | number | boolean>;
  /** Allow-listed attribution keys that become metric labels. */
  labelAttributes: ReadonlySet<string>;
  dropped(reason: string, count?: number): void;
  /** Report a failure of the recorder itself; never throws. */
  recorderError(error: unknown): void;
}

/**
 * The operation as teams report it: work billed in a batch is `batch`, a chat with image input
 * `vision`, embeddings `embedding`; the rest keep their operation name.
 */
export function operationTypeOf(start: OperationStart): string {
  if (start.request?.batch === true || start.operation === 'batch') return 'batch';
  if (start.operation === 'chat' && start.imageInput === true) return 'vision';
  if (start.operation === 'embeddings') return 'embedding';
  return start.operation;
}

/** Milliseconds since epoch with sub-millisecond precision, on the monotonic performance clock. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function countOrUndefined(value: unknown): number | undefined {
  return isCount(value) ? value : undefined;
}

/** All built-in tool calls of an operation, whatever the tool; `undefined` when none were reported. */
function toolCallCount(toolCalls: Usage['toolCalls']): number | undefined {
  if (toolCalls === undefined) return undefined;
  return Object.values(toolCalls).reduce((total, calls) => (isCount(calls) ? total + calls : total), 0);
}

function definedAttributes(attributes: Record<string, Attributes[string] | undefined>): Attributes {
  const result: Attributes = {};
  addDefinedAttributes(result, attributes);
  return result;
}

/** Writes the request's span attributes into `target`, leaving out the undefined ones. */
function addRequestAttributes(target: Attributes, request: RequestParameters | undefined): void {
  if (request === undefined) return;
  addDefinedAttributes(target, {
    [ATTR_GEN_AI_REQUEST_TEMPERATURE]: request.temperature,
    [ATTR_GEN_AI_REQUEST_MAX_TOKENS]: request.maxTokens,
    [ATTR_GEN_AI_REQUEST_TOP_P]: request.topP,
    [ATTR_GEN_AI_REQUEST_TOP_K]: request.topK,
    [ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY]: request.frequencyPenalty,
    [ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY]: request.presencePenalty,
    [ATTR_GEN_AI_REQUEST_STOP_SEQUENCES]: request.stopSequences,
    [ATTR_GEN_AI_REQUEST_SEED]: request.seed,
    // Semconv: only when not 1.
    [ATTR_GEN_AI_REQUEST_CHOICE_COUNT]: request.choiceCount === 1 ? undefined : request.choiceCount,
    [ATTR_GEN_AI_OUTPUT_TYPE]: request.outputType,
    [ATTR_GROQ_REQUEST_TOOLS_COUNT]: request.toolsCount,
    [ATTR_GROQ_REQUEST_REASONING_EFFORT]: request.reasoningEffort,
    [ATTR_GROQ_SERVICE_TIER]: request.serviceTier,
    [ATTR_GROQ_BATCH]: request.batch,
  });
}

function addDefinedAttributes(
  target: Attributes,
  attributes: Record<string, Attributes[string] | undefined>,
): void {
  // for...in rather than Object.entries: no pair arrays on the per-call path.
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) target[key] = value;
  }
}

/**
 * One recorded Groq operation: its span and every metric point it produces. Each public method
 * catches its own failures (counted as `recorder_error`), and `end`/`fail`/`abandon` take effect
 * once, the first call winning.
 */
export class RecordedOperation implements OperationHandle {
  readonly context: Context;
  readonly span: Span;
  /**
   * Whether the span records (the user's sampler kept it). A span sampled out ignores attributes,
   * so the work of building them (response facts, cost strings, content) is skipped; the metrics
   * are recorded exactly either way.
   */
  private readonly recording: boolean;
  private readonly instruments: Instruments;
  private readonly startTime: number;
  /** Semconv metric attributes known at the start (the chunk histograms use them as they are). */
  private readonly startMetricAttributes: Attributes;
  private readonly attributionLabels: Attributes;
  private readonly attributionLabelKeys: string[];
  /** {@link orderedLabelKey} of the attribution labels, the prefix of every label-set cache key. */
  private readonly attributionLabelsKey: string;
  private finished = false;
  private lastChunkAt: number | undefined;
  private reportedAttempts = 0;
  private lastReportedStatus: number | undefined;
  private responseModel: string | undefined;
  /** Label sets reused by every instrument that records them; rebuilt when the response model arrives. */
  private cachedGroqLabels: Attributes | undefined;
  private cachedMetricAttributes: Attributes | undefined;
  /** Who serves the operation; only Groq's answers feed Groq's rate-limit series. */
  readonly provider: AiProvider;

  constructor(
    private readonly deps: OperationDependencies,
    private readonly start: OperationStart,
    parentContext: Context,
  ) {
    this.instruments = deps.instruments;
    this.startTime = isCount(start.startTime) ? start.startTime : now();
    this.provider = start.provider ?? GEN_AI_PROVIDER_NAME_VALUE_GROQ;
    this.startMetricAttributes = definedAttributes({
      [ATTR_GEN_AI_OPERATION_NAME]: start.operation,
      [ATTR_GEN_AI_PROVIDER_NAME]: this.provider,
      [ATTR_GEN_AI_REQUEST_MODEL]: start.requestModel,
      [ATTR_SERVER_ADDRESS]: start.serverAddress,
      [ATTR_SERVER_PORT]: start.serverAddress === undefined ? undefined : start.serverPort,
    });
    this.attributionLabels = {};
    for (const key in deps.attribution) {
      if (!deps.labelAttributes.has(key)) continue;
      const value = String(deps.attribution[key]);
      // Prometheus reads `feature=""` as no label: emitting it would make a second OTLP stream of
      // the same series, whose cumulative values alternate with the first one's.
      if (value !== '') this.attributionLabels[key] = value;
    }
    this.attributionLabelKeys = Object.keys(this.attributionLabels);
    this.attributionLabelsKey = orderedLabelKey(this.attributionLabels);

    const name = start.requestModel ? `${start.operation} ${start.requestModel}` : start.operation;
    // Attribution first, so that a user key can never overwrite a convention attribute.
    const spanAttributes: Attributes = { ...deps.attribution, ...this.startMetricAttributes };
    addRequestAttributes(spanAttributes, start.request);
    if (start.stream) spanAttributes[ATTR_GEN_AI_REQUEST_STREAM] = true;
    spanAttributes[ATTR_GROQMETER_SOURCE] = start.source;
    spanAttributes[ATTR_GROQMETER_OPERATION_TYPE] = operationTypeOf(start);
    this.span = deps.tracer.startSpan(
      name,
      { kind: SpanKind.CLIENT, startTime: this.startTime, attributes: spanAttributes },
      parentContext,
    );
    this.recording = this.span.isRecording();
    this.context = withActiveOperation(trace.setSpan(parentContext, this.span), this);
    if (deps.captureMessageContent && start.content !== undefined) {
      this.setContentAttributes({
        [ATTR_GEN_AI_INPUT_MESSAGES]: start.content.inputMessages,
        [ATTR_GEN_AI_SYSTEM_INSTRUCTIONS]: start.content.systemInstructions,
        [ATTR_GEN_AI_TOOL_DEFINITIONS]: start.content.toolDefinitions,
      });
    }
  }

  attempt(facts: AttemptFacts): void {
    if (this.finished) return;
    this.guard(() => {
      this.reportedAttempts += 1;
      this.lastReportedStatus = facts.status;
      this.recordAttempt(facts);
    });
  }

  chunk(time?: number): void {
    if (this.finished) return;
    try {
      const at = time ?? now();
      if (this.lastChunkAt === undefined) {
        const seconds = (at - this.startTime) / 1000;
        this.instruments.timeToFirstChunk.record(seconds, this.startMetricAttributes);
        this.span.setAttribute(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
      } else {
        this.instruments.timePerOutputChunk.record(
          (at - this.lastChunkAt) / 1000,
          this.startMetricAttributes,
        );
      }
      this.lastChunkAt = at;
    } catch (error) {
      this.deps.recorderError(error);
    }
  }

  end(result: OperationResult, time?: number): void {
    if (this.finished) return;
    this.finished = true;
    const at = this.endTime(time);
    this.guard(() => this.recordResult(result, true));
    this.guard(() => this.recordOutcome(OUTCOME_VALUE_SUCCESS, at));
    this.endSpan(at);
  }

  fail(failure: OperationFailure, time?: number): void {
    if (this.finished) return;
    this.finished = true;
    const at = this.endTime(time);
    // An adapter bug must not cost the error status: read the facts defensively.
    const { error, status: reportedStatus, headers, partial }: Partial<OperationFailure> = failure ?? {};
    let errorType = ERROR_TYPE_VALUE_OTHER;
    let status: number | undefined;
    this.guard(() => {
      status = reportedStatus ?? errorStatusOf(error);
      errorType = errorTypeOf(error, status);
    });
    this.guard(() => {
      if (!this.recording) return;
      this.span.setAttribute(ATTR_ERROR_TYPE, errorType);
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessageForSpan(error) });
    });
    this.guard(() => this.recordFinalAttempt(status, headers ?? errorHeadersOf(error)));
    if (partial !== undefined) this.guard(() => this.recordResult(partial, false));
    this.guard(() => this.recordOutcome(OUTCOME_VALUE_ERROR, at, errorType, status));
    this.endSpan(at);
  }

  abandon(time?: number): void {
    if (this.finished) return;
    this.finished = true;
    const at = this.endTime(time);
    this.guard(() => {
      this.span.setAttribute(ATTR_GROQMETER_ABANDONED, true);
      this.deps.dropped(DROPPED_REASON_VALUE_USAGE_MISSING);
      recordUsageMissing(this.costContext());
      this.recordOutcome(OUTCOME_VALUE_ABANDONED, at);
    });
    this.endSpan(at);
  }

  /** `model` label: the requested model, else the response model once known. */
  private get model(): string {
    return this.start.requestModel ?? this.responseModel ?? '';
  }

  /** `{ model }`: a fresh object, as the model may still change with the response. */
  private get modelLabel(): Attributes {
    return { [LABEL_MODEL]: this.model };
  }

  /**
   * `{ model, operation, provider }`, built once. Never mutated once handed out: the SDK keeps the
   * first attributes object of each series it sees.
   */
  private get groqLabels(): Attributes {
    this.cachedGroqLabels ??= {
      [LABEL_MODEL]: this.model,
      [LABEL_OPERATION]: this.start.operation,
      [LABEL_PROVIDER]: this.provider,
    };
    return this.cachedGroqLabels;
  }

  private get metricAttributes(): Attributes {
    this.cachedMetricAttributes ??=
      this.responseModel === undefined
        ? this.startMetricAttributes
        : { ...this.startMetricAttributes, [ATTR_GEN_AI_RESPONSE_MODEL]: this.responseModel };
    return this.cachedMetricAttributes;
  }

  private setResponseModel(responseModel: string): void {
    if (responseModel === this.responseModel) return;
    this.responseModel = responseModel;
    this.cachedGroqLabels = undefined;
    this.cachedMetricAttributes = undefined;
  }

  /** Attributes plus the attribution labels, bounded by the series cap of `metric`. */
  private withAttribution(metric: string, attributes: Attributes): Attributes {
    // No attribution labels: nothing to merge and nothing for the cap to bound.
    if (this.attributionLabelKeys.length === 0) return attributes;
    return this.deps.seriesCap.admitWith(
      metric,
      this.attributionLabels,
      this.attributionLabelsKey,
      this.attributionLabelKeys,
      attributes,
    );
  }

  /** The operation as cost recording sees it, at this moment (the response model may have arrived). */
  private costContext(): CostContext {
    return {
      deps: this.deps,
      span: this.span,
      recording: this.recording,
      start: this.start,
      startTime: this.startTime,
      responseModel: this.responseModel,
      groqLabels: this.groqLabels,
      provider: this.provider,
      withAttribution: (metric, attributes) => this.withAttribution(metric, attributes),
    };
  }

  private guard(step: () => void): void {
    try {
      step();
    } catch (error) {
      this.deps.recorderError(error);
    }
  }

  private endTime(time: number | undefined): number {
    return typeof time === 'number' && Number.isFinite(time) ? time : now();
  }

  private endSpan(at: number): void {
    this.guard(() => {
      // Only adapters that see every HTTP attempt report them; otherwise retries are unknown.
      if (this.reportedAttempts > 0) this.span.setAttribute(ATTR_GROQ_RETRIES, this.reportedAttempts - 1);
    });
    // A guard of its own: a span that failed to take an attribute must still end (and export).
    this.guard(() => this.span.end(at));
  }

  /**
   * The final error's status and headers count as one more attempt, unless the last attempt
   * reported through `attempt()` had the same status: then it is the response the adapter's fetch
   * wrapper already recorded, and recording it again would count its 429 twice.
   */
  private recordFinalAttempt(status: number | undefined, headers: AttemptFacts['headers']): void {
    if (status === undefined && headers === undefined) return;
    if (this.reportedAttempts > 0 && this.lastReportedStatus === status) return;
    this.recordAttempt({ status, headers });
  }

  private recordAttempt(facts: AttemptFacts): void {
    // OpenAI's x-ratelimit-* headers count requests per minute, not per day as Groq's do: the
    // rate-limit series (and their alerts) stay Groq's.
    if (this.provider !== GEN_AI_PROVIDER_NAME_VALUE_GROQ) return;
    const modelLabel = this.modelLabel;
    if (facts.headers !== undefined) {
      const snapshot = parseRateLimitHeaders(facts.headers);
      this.recordRateLimitWindow(RESOURCE_VALUE_REQUESTS, snapshot.requests);
      this.recordRateLimitWindow(RESOURCE_VALUE_TOKENS, snapshot.tokens);
      if (snapshot.requests.remaining !== undefined) {
        this.span.setAttribute(ATTR_GROQ_RATELIMIT_REMAINING_REQUESTS, snapshot.requests.remaining);
      }
      if (snapshot.tokens.remaining !== undefined) {
        this.span.setAttribute(ATTR_GROQ_RATELIMIT_REMAINING_TOKENS, snapshot.tokens.remaining);
      }
      if (snapshot.retryAfterSeconds !== undefined) {
        this.instruments.retryAfterSeconds.record(snapshot.retryAfterSeconds, modelLabel);
      }
      if (snapshot.invalidHeaders.length > 0) {
        this.deps.dropped(DROPPED_REASON_VALUE_BAD_HEADER, snapshot.invalidHeaders.length);
      }
    }
    if (facts.status === 429) this.instruments.rateLimitHits.add(1, modelLabel);
  }

  private recordRateLimitWindow(resource: string, window: RateLimitWindow): void {
    // Groq's budgets are per model: headers on a call about no model (files, batches) are no model's.
    if (this.model === '') return;
    const labels = { [LABEL_MODEL]: this.model, [LABEL_RESOURCE]: resource };
    if (window.limit !== undefined) this.instruments.rateLimitLimit.record(window.limit, labels);
    if (window.remaining !== undefined) this.instruments.rateLimitRemaining.record(window.remaining, labels);
    if (window.resetSeconds !== undefined)
      this.instruments.rateLimitResetSeconds.record(window.resetSeconds, labels);
  }

  private recordOutcome(outcome: string, at: number, errorType?: string, status?: number): void {
    this.instruments.requests.add(
      1,
      this.withAttribution(METRIC_GROQ_REQUESTS, {
        ...this.groqLabels,
        [LABEL_OUTCOME]: outcome,
        [LABEL_ERROR_TYPE]: errorType ?? '',
        [LABEL_STATUS_CODE]: status === undefined ? '' : String(status),
      }),
    );
    const durationAttributes =
      errorType === undefined
        ? this.metricAttributes
        : { ...this.metricAttributes, [ATTR_ERROR_TYPE]: errorType };
    this.instruments.operationDuration.record(
      Math.max(0, (at - this.startTime) / 1000),
      this.withAttribution(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, durationAttributes),
    );
  }

  /**
   * Response facts: span attributes first, then each metric group on its own, so that a failing
   * instrument loses only its own points. `usage` missing from a successful response is counted
   * as `usage_missing`.
   */
  private recordResult(result: OperationResult, countMissingUsage: boolean): void {
    if (result.responseModel) this.setResponseModel(result.responseModel);
    const { usage, serverTiming } = result;
    if (this.recording) this.setResultAttributes(result);
    if (this.deps.captureMessageContent) {
      this.setContentAttributes({ [ATTR_GEN_AI_OUTPUT_MESSAGES]: result.outputMessages });
    }
    if (serverTiming !== undefined) this.guard(() => this.recordServerTiming(serverTiming, usage));
    if (usage === undefined) {
      if (countMissingUsage) {
        this.deps.dropped(DROPPED_REASON_VALUE_USAGE_MISSING);
        recordUsageMissing(this.costContext());
      }
      return;
    }
    this.guard(() => this.recordTokens(usage));
    this.guard(() => this.recordUsageCounts(usage));
    this.guard(() => recordCost(this.costContext(), usage, result.usageBreakdown, result.serviceTier));
  }

  private setResultAttributes(result: OperationResult): void {
    const { usage, serverTiming } = result;
    this.span.setAttributes(
      definedAttributes({
        [ATTR_GEN_AI_RESPONSE_MODEL]: result.responseModel,
        [ATTR_GEN_AI_RESPONSE_ID]: result.responseId,
        [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: result.finishReasons,
        [ATTR_GROQ_REQUEST_ID]: result.groqRequestId,
        [ATTR_GROQ_SERVICE_TIER]: result.serviceTier,
        [ATTR_GROQ_SERVER_QUEUE_TIME]: serverTiming?.queueTime,
        [ATTR_GROQ_SERVER_PROMPT_TIME]: serverTiming?.promptTime,
        [ATTR_GROQ_SERVER_COMPLETION_TIME]: serverTiming?.completionTime,
        [ATTR_GROQ_SERVER_TOTAL_TIME]: serverTiming?.totalTime,
        [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: countOrUndefined(usage?.inputTokens),
        [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: countOrUndefined(usage?.outputTokens),
        [ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: countOrUndefined(usage?.cachedInputTokens),
        [ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: countOrUndefined(usage?.reasoningTokens),
        // Usage that is not tokens, as reported: the audio before Groq's 10 s minimum.
        [ATTR_GROQ_USAGE_AUDIO_SECONDS]: countOrUndefined(usage?.audioSeconds),
        [ATTR_GROQ_USAGE_CHARACTERS]: countOrUndefined(usage?.characters),
        [ATTR_GROQ_USAGE_TOOL_CALLS]: toolCallCount(usage?.toolCalls),
      }),
    );
  }

  private recordServerTiming(timing: ServerTiming, usage: Usage | undefined): void {
    const labels = this.groqLabels;
    if (isCount(timing.queueTime)) this.instruments.serverQueueTime.record(timing.queueTime, labels);
    if (isCount(timing.promptTime)) this.instruments.serverPromptTime.record(timing.promptTime, labels);
    if (isCount(timing.completionTime))
      this.instruments.serverCompletionTime.record(timing.completionTime, labels);
    const outputTokens = usage?.outputTokens;
    if (
      isCount(outputTokens) &&
      outputTokens > 0 &&
      isCount(timing.completionTime) &&
      timing.completionTime > 0
    ) {
      this.instruments.serverOutputTokensPerSecond.record(
        outputTokens / timing.completionTime,
        this.modelLabel,
      );
    }
  }

  /**
   * Tokens as Groq reports them. `input` is every prompt token (cached included) and `output` every
   * completion token (reasoning included); `cached_input` and `reasoning` are the subsets, as in
   * the semantic conventions. Uncached input is `input - cached_input`.
   */
  private recordTokens(usage: Usage): void {
    this.recordTokenUsage(usage.inputTokens, GEN_AI_TOKEN_TYPE_VALUE_INPUT);
    this.recordTokenUsage(usage.outputTokens, GEN_AI_TOKEN_TYPE_VALUE_OUTPUT);
    this.recordGroqTokens(usage.inputTokens, TOKEN_TYPE_VALUE_INPUT);
    this.recordGroqTokens(usage.cachedInputTokens, TOKEN_TYPE_VALUE_CACHED_INPUT);
    this.recordGroqTokens(usage.outputTokens, TOKEN_TYPE_VALUE_OUTPUT);
    this.recordGroqTokens(usage.reasoningTokens, TOKEN_TYPE_VALUE_REASONING);
    this.recordGroqTokens(usage.audioInputTokens, TOKEN_TYPE_VALUE_AUDIO_INPUT);
    this.recordGroqTokens(usage.audioOutputTokens, TOKEN_TYPE_VALUE_AUDIO_OUTPUT);
  }

  /** One `gen_ai.client.token.usage` point (semconv token types). */
  private recordTokenUsage(count: number | undefined, type: string): void {
    if (!isCount(count)) return;
    this.instruments.tokenUsage.record(count, { ...this.metricAttributes, [ATTR_GEN_AI_TOKEN_TYPE]: type });
  }

  /** One `groq.tokens` point (groq token types). */
  private recordGroqTokens(count: number | undefined, type: string): void {
    if (!isCount(count)) return;
    this.instruments.tokens.add(
      count,
      this.withAttribution(METRIC_GROQ_TOKENS, { ...this.groqLabels, [LABEL_TYPE]: type }),
    );
  }

  private recordUsageCounts(usage: Usage): void {
    if (isCount(usage.characters)) {
      this.instruments.speechCharacters.add(usage.characters, this.modelLabel);
    }
    for (const [tool, calls] of Object.entries(usage.toolCalls ?? {})) {
      if (isCount(calls))
        this.instruments.toolCalls.add(calls, { [LABEL_TOOL]: tool, [LABEL_MODEL]: this.model });
    }
  }

  private setContentAttributes(content: Record<string, unknown>): void {
    if (!this.recording) return;
    for (const [key, value] of Object.entries(content)) {
      const serialized = serializeContent(value);
      if (serialized !== undefined) this.span.setAttribute(key, serialized);
    }
  }
}

/**
 * The handle of an operation that is not recorded (suppressed, or the recorder failed to start
 * it). The SDK call runs in the parent context; attempts go to the operation already active there,
 * so the adapter that records the run still sees every HTTP attempt.
 */
export function unrecordedOperation(parentContext: Context): OperationHandle {
  const span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  const ignore = (): void => undefined;
  return {
    context: parentContext,
    span,
    attempt: (facts) => getActiveOperation(parentContext)?.attempt(facts),
    chunk: ignore,
    end: ignore,
    fail: ignore,
    abandon: ignore,
  };
}
