/**
 * The contract between adapters and the recorder. Adapters (groq-sdk instrumentation, LangChain
 * handler, AI SDK middleware) only extract these facts from their SDK; the recorder alone turns
 * them into spans, metrics and cost. Change this file only together with every adapter.
 */

import type { PriceBook, Usage } from '@groqmeter/pricing';
import type {
  Attributes,
  Context,
  Meter,
  MeterProvider,
  Span,
  Tracer,
  TracerProvider,
} from '@opentelemetry/api';
import type { GroqmeterMetricProducer } from './metric-producer.js';

/**
 * `gen_ai.operation.name` values. `chat` is the semconv value; Groq's audio operations have no
 * semconv value yet, so they use their own words.
 */
export type GroqOperationName =
  | 'chat'
  | 'transcription'
  | 'translation'
  | 'speech'
  | 'embeddings'
  | 'batch'
  | 'models'
  | 'assistant';

/** Who served an operation: `gen_ai.provider.name` and the `provider` label. */
export type AiProvider = 'groq' | 'openai';

/**
 * Which SDK the facts came from (span attribute `groqmeter.source`, never a metric label);
 * `groq-batch` for the lines of a finished batch, metered from its output file by the exporter's
 * batch reconciler; `proxy` for calls forwarded by the groqmeter proxy (`@groqmeter/proxy`).
 */
export type OperationSource = 'groq-sdk' | 'openai' | 'langchain' | 'ai-sdk' | 'groq-batch' | 'proxy';

/** Headers as any SDK hands them over. */
export type HeadersLike =
  | { get(name: string): string | null | undefined }
  | Record<string, string | string[] | undefined>;

/**
 * Attribution attached by the user per client, per call or through OTel context. Only keys on the
 * allow-list become metric labels (bounded by the series cap); everything goes on the span.
 */
export type Attribution = Record<string, string | number | boolean | undefined>;

/** Request parameters, as far as the operation has them. */
export interface RequestParameters {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  topK?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  stopSequences?: string[];
  seed?: number;
  choiceCount?: number;
  toolsCount?: number;
  /** `gen_ai.output.type`: `text`, `json`, `speech`. */
  outputType?: string;
  serviceTier?: string;
  reasoningEffort?: string;
  /** The operation is part of a batch job (priced at the batch discount). */
  batch?: boolean;
}

/** What is known when the operation starts. */
export interface OperationStart {
  operation: GroqOperationName;
  source: OperationSource;
  /** Who serves it; default `groq`. OpenAI operations are priced on the OpenAI catalogue and have no baseline. */
  provider?: AiProvider;
  /** A chat with image input (reported as operation type `vision`). */
  imageInput?: boolean;
  requestModel?: string;
  stream?: boolean;
  serverAddress?: string;
  serverPort?: number;
  request?: RequestParameters;
  /** Per-call attribution; merged over client attribution and context attribution. */
  attributes?: Attribution;
  /** Input messages, system instructions and tool definitions; recorded only when capture is on. */
  content?: { inputMessages?: unknown; systemInstructions?: unknown; toolDefinitions?: unknown };
  /** Explicit parent; defaults to the active context. */
  parentContext?: Context;
  /** Start time in ms since epoch (performance-corrected); defaults to now. */
  startTime?: number;
}

/** One HTTP attempt of the operation (retries included), as seen by a fetch wrapper or an error. */
export interface AttemptFacts {
  status?: number;
  headers?: HeadersLike;
}

/** Groq's server-side timings in seconds (`usage.queue_time` etc.). */
export interface ServerTiming {
  queueTime?: number;
  promptTime?: number;
  completionTime?: number;
  totalTime?: number;
}

/** The usage of one model inside a compound system's request (`usage_breakdown.models[]`). */
export interface UsageBreakdownEntry {
  /** The model that used it, priced on its own (e.g. `openai/gpt-oss-120b`). */
  model: string;
  usage: Usage;
}

/** What is known when the operation succeeds. */
export interface OperationResult {
  responseModel?: string;
  responseId?: string;
  /** `x_groq.id`. */
  groqRequestId?: string;
  finishReasons?: string[];
  /** Undefined when the response carried no usage: recorded as `usage_missing`, no tokens, no cost. */
  usage?: Usage;
  /**
   * Compound systems (`groq/compound`, `groq/compound-mini`): the usage of each underlying model.
   * When present, each entry is priced on its own model and built-in tools (`usage.toolCalls`,
   * `usage.toolSeconds`) on the operation's model; tokens are still counted from `usage`, under
   * the operation's `model` label. Ignored without `usage`.
   */
  usageBreakdown?: UsageBreakdownEntry[];
  serverTiming?: ServerTiming;
  serviceTier?: string;
  /** Output messages; recorded only when capture is on. */
  outputMessages?: unknown;
}

/** What is known when the operation fails. */
export interface OperationFailure {
  error: unknown;
  status?: number;
  headers?: HeadersLike;
  /** Usage that was received before the failure (e.g. a stream that broke after its usage chunk). */
  partial?: OperationResult;
}

/**
 * A running operation. Every method is safe to call in any order and never throws; `end` and
 * `fail` together take effect exactly once (the first call wins).
 */
export interface OperationHandle {
  /** The span's context, for running the SDK call under it. */
  readonly context: Context;
  readonly span: Span;
  /** An HTTP attempt happened: rate-limit headers, 429s and `retry-after` are recorded per attempt. */
  attempt(facts: AttemptFacts): void;
  /** A streamed chunk carrying output arrived (the first one sets time to first chunk). */
  chunk(time?: number): void;
  /** The operation succeeded. */
  end(result: OperationResult, time?: number): void;
  /** The operation failed (error, abort, dropped connection). */
  fail(failure: OperationFailure, time?: number): void;
  /**
   * The consumer stopped early (`break`, abort) before a result arrived: records the operation
   * and its duration, no tokens or cost, counted as `usage_missing`.
   */
  abandon(time?: number): void;
}

/** Options of {@link Recorder}. */
export interface RecorderOptions {
  tracerProvider?: TracerProvider;
  meterProvider?: MeterProvider;
  /** Use these directly (an InstrumentationBase hands over its own). */
  tracer?: Tracer;
  meter?: Meter;
  /** Prices to use instead of the shipped catalogue (e.g. with your negotiated rates applied). */
  priceBook?: PriceBook;
  /**
   * Baseline model per operation for `groq_cost_baseline_usd_total` (default `gpt-4o` for chat,
   * `whisper-1` for audio, `tts-1` for speech); `false` turns it off.
   */
  baselines?: Partial<Record<GroqOperationName, string>> | false;
  /** Capture message content; defaults to `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`. */
  captureMessageContent?: boolean;
  /** Attribution keys that become metric labels (default: `feature`, `platform`, `tenant_tier`). */
  labelAttributes?: string[];
  /** Distinct label-value sets per metric before new ones go to `__overflow__` (default 1000). */
  seriesCap?: number;
  /** Attribution added to every operation of this recorder (per-client attribution). */
  attributes?: Attribution;
  /**
   * Report metrics through this producer (from `createGroqmeterMetricProducer`, attached to your
   * metric reader) instead of SDK instruments on `meter`/`meterProvider`: no attribute hashing per
   * recorded value. Fixed when the recorder is created. Without it, the recorder attaches a
   * producer of its own to the readers of `meterProvider` where that reports the same points (see
   * `createRecorder`), else records through SDK instruments on its meter.
   */
  metricProducer?: GroqmeterMetricProducer;
  /**
   * `false`: metrics only, no spans (the metrics stay exact). Default `true`: spans follow the
   * tracer provider's sampler, and a span sampled out costs no attribute work.
   */
  tracing?: boolean;
  /**
   * Called with every amount added to `groq.cost.usd` and the series' attributes, as it is added
   * (the proxy meters its budgets with it). Whatever it throws is counted as `recorder_error`.
   */
  onCost?: (usd: number, attributes: Attributes) => void;
}

/** Turns operation facts into telemetry. */
export interface Recorder {
  start(start: OperationStart): OperationHandle;
  /** Count telemetry that could not be processed (`groqmeter_dropped_total{reason}`). */
  dropped(reason: string, count?: number): void;
}
