/**
 * Public configuration and result types of the simulator. Everything here can also be written as
 * JSON (see `loadSimulatorConfig`), except {@link SimulatorOptions.now}.
 */

/**
 * A failure the simulator can inject.
 * - `429`, `500`, `503`, `498`: an error response instead of the answer (`498` is Groq's flex
 *   `capacity_exceeded`).
 * - `malformed-chunk`: a streamed answer contains one chunk that is not valid JSON (a non-streamed
 *   answer gets a truncated JSON body).
 * - `drop-mid-stream`: the connection is destroyed halfway through a streamed answer (a
 *   non-streamed request is dropped before any response is written).
 */
export type FaultKind =
  | '429'
  | '500'
  | '503'
  | '498'
  | 'malformed-chunk'
  | 'drop-mid-stream'
  | 'stream-error';

/** Every {@link FaultKind}, in a stable order. */
export const FAULT_KINDS: readonly FaultKind[] = [
  '429',
  '500',
  '503',
  '498',
  'malformed-chunk',
  'drop-mid-stream',
  'stream-error',
];

/** What a model does, which decides the endpoints that accept it. */
export type ModelKind = 'chat' | 'guard' | 'transcription' | 'speech';

/** The operations the simulator counts in {@link SimulatorStats}. */
export type SimulatorOperation =
  | 'chat'
  | 'responses'
  | 'transcription'
  | 'translation'
  | 'speech'
  | 'models'
  | 'files'
  | 'batch';

/** Rate-limit budgets of one model; a missing field means "no limit of that kind". */
export interface ModelLimits {
  /** Requests per day (RPD), reported in `x-ratelimit-*-requests`. */
  requestsPerDay?: number;
  /** Tokens per minute (TPM), reported in `x-ratelimit-*-tokens`. */
  tokensPerMinute?: number;
}

/** How Groq returns reasoning (`reasoning_format`). */
export type ReasoningFormat = 'parsed' | 'raw' | 'hidden';

/**
 * Per-model settings. For a catalogue model every field is optional and overrides the default;
 * a model id that is not in the catalogue is added (as a `chat` model unless `kind` says otherwise).
 */
export interface ModelConfig {
  kind?: ModelKind;
  /** `owned_by` in `/models`. */
  ownedBy?: string;
  /** `context_window` in `/models`. */
  contextWindow?: number;
  /** `max_completion_tokens` in `/models`. */
  maxCompletionTokens?: number;
  /** `active` in `/models`. */
  active?: boolean;
  /** Time the server spends before working on a request; reported as `usage.queue_time`. */
  latencyMs?: number;
  /** Prompt processing time; reported as `usage.prompt_time` and waited before the first chunk. */
  timeToFirstTokenMs?: number;
  /** Output speed; `usage.completion_time` is `completion_tokens / outputTokensPerSecond`. */
  outputTokensPerSecond?: number;
  /** Default `usage.completion_tokens` of an answer (reasoning included). */
  completionTokens?: number;
  /** Reasoning tokens of an answer (part of `completionTokens`); 0 for non-reasoning models. */
  reasoningTokens?: number;
  /** `reasoning_format` used when the request does not set one; absent for non-reasoning models. */
  defaultReasoningFormat?: ReasoningFormat;
  /** Whether Groq prompt caching applies (`prompt_tokens_details.cached_tokens`). */
  promptCaching?: boolean;
  limits?: ModelLimits;
  /** Probability (0..1) per request of each injected fault, drawn from the seeded generator. */
  errorRates?: Partial<Record<FaultKind, number>>;
}

/** A scripted fault: the next `count` matching requests fail with `fault`. */
export interface FaultRule {
  fault: FaultKind;
  /** How many requests this rule fails; default 1. */
  count?: number;
  /** Only requests for this model id; default any model. */
  model?: string;
  /** Only this operation; default any operation that can fail this way. */
  operation?: SimulatorOperation;
  /** `retry-after` of an injected 429, in seconds before {@link SimulatorOptions.timeScale}; default 1. */
  retryAfterSeconds?: number;
}

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** TCP port; default 0 (any free port). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Seed of every generated id, text and injected random fault; default 1. */
  seed?: number;
  /** Per-model settings merged over the default catalogue. */
  models?: Record<string, ModelConfig>;
  /** Scripted faults, consumed in order. */
  faults?: FaultRule[];
  /**
   * Multiplies every simulated delay (latency, time to first token, output speed, and the
   * `retry-after` of injected 429s). 0 (the default) never waits: timings are only reported.
   */
  timeScale?: number;
  /**
   * Groq plan the rate-limit messages are written for: `free` (default) ends them with Groq's
   * "Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing",
   * `developer` with "Visit https://console.groq.com/docs/rate-limits for more information.".
   * Only the wording changes (LangChain will not retry a 429 whose message mentions billing);
   * limits come from {@link SimulatorOptions.models}.
   */
  plan?: 'free' | 'developer';
  /** Organization id shown in rate-limit messages; default derived from the seed. */
  organization?: string;
  /**
   * A model Groq has retired that the simulator still answers with 200, as Groq sometimes does
   * for a while after a shutdown date; default `deepseek-r1-distill-llama-70b`, null for none.
   */
  retiredModel?: string | null;
  /**
   * Seconds of the simulator clock a new batch spends `validating` and then `in_progress` before
   * it is `completed`; default 0 and 0 (completed when first retrieved). The
   * `x-simulator-batch-timing: V,P` header sets them per batch.
   */
  batchTiming?: { validatingSeconds?: number; inProgressSeconds?: number };
  /** Clock in milliseconds for rate-limit budgets and `created`; default `Date.now`. */
  now?: () => number;
}

/** What the simulator served for one model and operation. */
export interface OperationStats {
  /** Responses by HTTP status code (`"200"`, `"429"`, ...). */
  requests: Record<string, number>;
  /** `usage.prompt_tokens` of every answer whose usage reached the client (cached included). */
  promptTokens: number;
  /** `prompt_tokens_details.cached_tokens` of those answers. */
  cachedTokens: number;
  /** `usage.completion_tokens` of those answers (reasoning included). */
  completionTokens: number;
  /** `completion_tokens_details.reasoning_tokens` of those answers. */
  reasoningTokens: number;
  /** Audio duration transcribed or translated, in seconds (before Groq's 10 s billing minimum). */
  audioSeconds: number;
  /** Audio seconds as Groq bills them: at least 10 s per request. */
  audioBilledSeconds: number;
  /** Text-to-speech input characters. */
  speechCharacters: number;
  /**
   * Built-in tool calls by the type Groq names them with (`search`, `visit`, `python`,
   * `browser_automation`, `wolfram`; Responses API: `code_interpreter`, `browser_search`, `mcp`).
   */
  toolCalls: Record<string, number>;
  /** Batch lines answered successfully (their tokens are in the fields above, billed at batch). */
  batchRequests: number;
  /** Injected faults by kind. */
  faults: Partial<Record<FaultKind, number>>;
  /** Streams the client closed before the end. */
  clientAborts: number;
}

/**
 * The simulator's own record: `models[modelId][operation]`. Requests without a usable model id
 * (bad JSON, missing model, no auth, `/models`, `/files`) are under the model key `"(none)"`.
 */
export interface SimulatorStats {
  models: Record<string, Partial<Record<SimulatorOperation, OperationStats>>>;
}

/** A started simulator. */
export interface RunningSimulator {
  /** `http://host:port`: pass as groq-sdk's `baseURL`. */
  readonly url: string;
  /** `url + '/openai/v1'`: pass as `@ai-sdk/groq`'s `baseURL` or any OpenAI-compatible client. */
  readonly openaiBaseURL: string;
  readonly port: number;
  /** Stops listening and destroys open connections, including streams in flight. */
  close(): Promise<void>;
  /** Refills every budget, forgets the prompt cache, fault counters, files, batches and stats. */
  reset(): void;
  /** A snapshot of what was served since start or the last {@link RunningSimulator.reset}. */
  stats(): SimulatorStats;
}
