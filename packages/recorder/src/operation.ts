import type { PriceBook } from '@groqmeter/pricing';
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
import { recordGroqAttempt } from './attempt-recording.js';
import { type CostContext, recordCost, recordUsageMissing } from './cost-recording.js';
import { errorHeadersOf, errorMessageForSpan, errorStatusOf, errorTypeOf } from './error-facts.js';
import { OperationMetrics } from './operation-metrics.js';
import type { RecorderMetrics } from './recorder-metrics.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOOL_DEFINITIONS,
  ATTR_GROQ_RETRIES,
  ATTR_GROQMETER_ABANDONED,
  DROPPED_REASON_VALUE_USAGE_MISSING,
  ERROR_TYPE_VALUE_OTHER,
  GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  OUTCOME_VALUE_ABANDONED,
  OUTCOME_VALUE_ERROR,
  OUTCOME_VALUE_SUCCESS,
} from './semconv.js';
import {
  isCount,
  setContentAttributes,
  setResultAttributes,
  startSpanAttributes,
} from './span-attributes.js';
import { getActiveOperation, withActiveOperation } from './suppression.js';
import type {
  AiProvider,
  AttemptFacts,
  GroqOperationName,
  OperationFailure,
  OperationHandle,
  OperationResult,
  OperationStart,
} from './types.js';

/** What every operation of one recorder shares. */
export interface OperationDependencies {
  /** Undefined when the recorder records metrics only (`tracing: false`). */
  tracer: Tracer | undefined;
  /** The recorder's metrics (series caches over its metric store, label contexts). */
  metrics: RecorderMetrics;
  priceBook: PriceBook;
  baselines: Partial<Record<GroqOperationName, string>> | false;
  captureMessageContent: boolean;
  /** Allow-listed attribution keys that become metric labels. */
  labelAttributes: ReadonlySet<string>;
  /** See `RecorderOptions.onCost`. */
  onCost: ((usd: number, attributes: Attributes) => void) | undefined;
  dropped(reason: string, count?: number): void;
  /** Report a failure of the recorder itself; never throws. */
  recorderError(error: unknown): void;
}

/** Milliseconds since epoch with sub-millisecond precision, on the monotonic performance clock. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** The span of a metrics-only operation: records nothing, and is not put in the context. */
const NO_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

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
  private readonly metrics: OperationMetrics;
  private readonly startTime: number;
  private finished = false;
  private lastChunkAt: number | undefined;
  private reportedAttempts = 0;
  private lastReportedStatus: number | undefined;
  private responseModel: string | undefined;
  /** Who serves the operation; only Groq's answers feed Groq's rate-limit series. */
  readonly provider: AiProvider;

  /**
   * @param attribution - merged for this operation (see `mergeAttribution`): its labels and the
   * span's first attributes.
   */
  constructor(
    private readonly deps: OperationDependencies,
    attribution: Readonly<Record<string, string | number | boolean>>,
    private readonly start: OperationStart,
    parentContext: Context,
  ) {
    this.startTime = isCount(start.startTime) ? start.startTime : now();
    this.provider = start.provider ?? GEN_AI_PROVIDER_NAME_VALUE_GROQ;
    const labels = deps.metrics.labelContext(start, this.provider, attribution, deps.labelAttributes);
    this.metrics = new OperationMetrics(deps.metrics.families, deps.onCost, labels, start.requestModel);

    if (deps.tracer === undefined) {
      this.span = NO_SPAN;
      this.recording = false;
      this.context = withActiveOperation(parentContext, this);
      return;
    }
    const name = start.requestModel ? `${start.operation} ${start.requestModel}` : start.operation;
    this.span = deps.tracer.startSpan(
      name,
      {
        kind: SpanKind.CLIENT,
        startTime: this.startTime,
        attributes: startSpanAttributes(start, attribution, labels.startAttributes),
      },
      parentContext,
    );
    this.recording = this.span.isRecording();
    this.context = withActiveOperation(trace.setSpan(parentContext, this.span), this);
    if (this.recording && deps.captureMessageContent && start.content !== undefined) {
      setContentAttributes(this.span, {
        [ATTR_GEN_AI_INPUT_MESSAGES]: start.content.inputMessages,
        [ATTR_GEN_AI_SYSTEM_INSTRUCTIONS]: start.content.systemInstructions,
        [ATTR_GEN_AI_TOOL_DEFINITIONS]: start.content.toolDefinitions,
      });
    }
  }

  attempt(facts: AttemptFacts): void {
    if (this.finished) return;
    try {
      this.reportedAttempts += 1;
      this.lastReportedStatus = facts.status;
      this.recordAttempt(facts);
    } catch (error) {
      this.deps.recorderError(error);
    }
  }

  chunk(time?: number): void {
    if (this.finished) return;
    try {
      const at = time ?? now();
      if (this.lastChunkAt === undefined) {
        const seconds = (at - this.startTime) / 1000;
        this.metrics.firstChunk(seconds);
        if (this.recording) this.span.setAttribute(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
      } else {
        this.metrics.nextChunk((at - this.lastChunkAt) / 1000);
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
    // Try blocks rather than `guard` on the paths every call takes: no closure per step.
    try {
      this.recordResult(result, true);
    } catch (error) {
      this.deps.recorderError(error);
    }
    try {
      this.recordOutcome(OUTCOME_VALUE_SUCCESS, at);
    } catch (error) {
      this.deps.recorderError(error);
    }
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
      if (this.recording) this.span.setAttribute(ATTR_GROQMETER_ABANDONED, true);
      this.deps.dropped(DROPPED_REASON_VALUE_USAGE_MISSING);
      recordUsageMissing(this.costContext());
      this.recordOutcome(OUTCOME_VALUE_ABANDONED, at);
    });
    this.endSpan(at);
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
      provider: this.provider,
      metrics: this.metrics,
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
    if (this.deps.tracer === undefined) return;
    this.guard(() => {
      // Only adapters that see every HTTP attempt report them; otherwise retries are unknown.
      if (this.recording && this.reportedAttempts > 0) {
        this.span.setAttribute(ATTR_GROQ_RETRIES, this.reportedAttempts - 1);
      }
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
    recordGroqAttempt(
      { metrics: this.metrics, span: this.span, recording: this.recording, dropped: this.deps.dropped },
      facts,
    );
  }

  private recordOutcome(outcome: string, at: number, errorType?: string, status?: number): void {
    this.metrics.outcome(outcome, Math.max(0, (at - this.startTime) / 1000), errorType, status);
  }

  /**
   * Response facts: span attributes first, then each metric group on its own, so that a failing
   * instrument loses only its own points. `usage` missing from a successful response is counted
   * as `usage_missing`.
   */
  private recordResult(result: OperationResult, countMissingUsage: boolean): void {
    if (result.responseModel && result.responseModel !== this.responseModel) {
      this.responseModel = result.responseModel;
      this.metrics.setResponseModel(result.responseModel);
    }
    const { usage, serverTiming } = result;
    if (this.recording) {
      setResultAttributes(this.span, result);
      if (this.deps.captureMessageContent) {
        setContentAttributes(this.span, { [ATTR_GEN_AI_OUTPUT_MESSAGES]: result.outputMessages });
      }
    }
    if (serverTiming !== undefined) {
      try {
        this.metrics.serverTiming(serverTiming, usage);
      } catch (error) {
        this.deps.recorderError(error);
      }
    }
    if (usage === undefined) {
      if (countMissingUsage) {
        this.deps.dropped(DROPPED_REASON_VALUE_USAGE_MISSING);
        recordUsageMissing(this.costContext());
      }
      return;
    }
    try {
      this.metrics.tokens(usage);
    } catch (error) {
      this.deps.recorderError(error);
    }
    try {
      this.metrics.usageCounts(usage);
    } catch (error) {
      this.deps.recorderError(error);
    }
    try {
      recordCost(this.costContext(), usage, result.usageBreakdown, result.serviceTier);
    } catch (error) {
      this.deps.recorderError(error);
    }
  }
}

/**
 * The handle of an operation that is not recorded (suppressed, or the recorder failed to start
 * it). The SDK call runs in the parent context; attempts go to the operation already active there,
 * so the adapter that records the run still sees every HTTP attempt.
 */
export function unrecordedOperation(parentContext: Context): OperationHandle {
  const ignore = (): void => undefined;
  return {
    context: parentContext,
    span: NO_SPAN,
    attempt: (facts) => getActiveOperation(parentContext)?.attempt(facts),
    chunk: ignore,
    end: ignore,
    fail: ignore,
    abandon: ignore,
  };
}
