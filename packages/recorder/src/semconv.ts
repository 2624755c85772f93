/**
 * Every telemetry name groqmeter emits, in one module. The GenAI names are copied from the
 * OpenTelemetry semantic conventions v1.41.0 (the last released GenAI conventions) instead of
 * importing `@opentelemetry/semantic-conventions/incubating`, whose exports may change in a minor
 * release. The unreleased successor renames the metrics (`gen_ai.client.inference.*`): switching
 * is a change to this file only.
 */

/** The GenAI semantic-conventions version the names below follow. */
export const GEN_AI_SEMCONV_VERSION = '1.41.0';

/** Schema URL of {@link GEN_AI_SEMCONV_VERSION}, set on the recorder's tracer and meter. */
export const SEMCONV_SCHEMA_URL = `https://opentelemetry.io/schemas/${GEN_AI_SEMCONV_VERSION}`;

// Span and metric attributes (semconv v1.41.0).
export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
export const ATTR_GEN_AI_REQUEST_TOP_P = 'gen_ai.request.top_p';
export const ATTR_GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
export const ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY = 'gen_ai.request.frequency_penalty';
export const ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY = 'gen_ai.request.presence_penalty';
export const ATTR_GEN_AI_REQUEST_STOP_SEQUENCES = 'gen_ai.request.stop_sequences';
export const ATTR_GEN_AI_REQUEST_SEED = 'gen_ai.request.seed';
export const ATTR_GEN_AI_REQUEST_CHOICE_COUNT = 'gen_ai.request.choice.count';
export const ATTR_GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream';
export const ATTR_GEN_AI_OUTPUT_TYPE = 'gen_ai.output.type';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';
export const ATTR_GEN_AI_TOKEN_TYPE = 'gen_ai.token.type';
export const ATTR_GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages';
export const ATTR_GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages';
export const ATTR_GEN_AI_SYSTEM_INSTRUCTIONS = 'gen_ai.system_instructions';
export const ATTR_GEN_AI_TOOL_DEFINITIONS = 'gen_ai.tool.definitions';
export const ATTR_ERROR_TYPE = 'error.type';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';

/**
 * The operation as teams report it (span only, for per-operation records such as the ledger):
 * `chat`, `vision` (a chat with image input), `transcription`, `translation`, `speech`,
 * `embedding`, `assistant`, `batch` (work billed in a batch job), `models`.
 */
export const ATTR_GROQMETER_OPERATION_TYPE = 'groqmeter.operation.type';
/**
 * The attribution key naming the function of the app that made the call (a ledger column and a
 * CLI dimension; a metric label only when put on `labelAttributes`).
 */
export const ATTRIBUTION_FUNCTION_NAME = 'function_name';

export const GEN_AI_PROVIDER_NAME_VALUE_GROQ = 'groq';
/** OpenAI itself: the `openai` SDK pointed at any base URL that is not Groq's (semconv value). */
export const GEN_AI_PROVIDER_NAME_VALUE_OPENAI = 'openai';
export const GEN_AI_TOKEN_TYPE_VALUE_INPUT = 'input';
export const GEN_AI_TOKEN_TYPE_VALUE_OUTPUT = 'output';
/** `error.type` when nothing better is known (semconv fallback). */
export const ERROR_TYPE_VALUE_OTHER = '_OTHER';

// Semconv metrics (v1.41.0).
export const METRIC_GEN_AI_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
export const METRIC_GEN_AI_CLIENT_OPERATION_DURATION = 'gen_ai.client.operation.duration';
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK =
  'gen_ai.client.operation.time_to_first_chunk';
export const METRIC_GEN_AI_CLIENT_OPERATION_TIME_PER_OUTPUT_CHUNK =
  'gen_ai.client.operation.time_per_output_chunk';

/** Semconv bucket advice for `gen_ai.client.token.usage`. */
export const GEN_AI_TOKEN_USAGE_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
/** Semconv bucket advice for the operation duration and streaming chunk histograms. */
export const GEN_AI_OPERATION_SECONDS_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
];

// groq.* metrics. Each carries its unit word in its name: the Prometheus exporter adds no suffix.
export const METRIC_GROQ_TOKENS = 'groq.tokens';
export const METRIC_GROQ_COST_USD = 'groq.cost.usd';
export const METRIC_GROQ_COST_BASELINE_USD = 'groq.cost.baseline.usd';
export const METRIC_GROQ_REQUESTS = 'groq.requests';
export const METRIC_GROQ_RATELIMIT_LIMIT = 'groq.ratelimit.limit';
export const METRIC_GROQ_RATELIMIT_REMAINING = 'groq.ratelimit.remaining';
export const METRIC_GROQ_RATELIMIT_RESET_SECONDS = 'groq.ratelimit.reset.seconds';
export const METRIC_GROQ_RATELIMIT_HITS = 'groq.ratelimit.hits';
export const METRIC_GROQ_RETRY_AFTER_SECONDS = 'groq.retry_after.seconds';
export const METRIC_GROQ_SERVER_QUEUE_TIME_SECONDS = 'groq.server.queue_time.seconds';
export const METRIC_GROQ_SERVER_PROMPT_TIME_SECONDS = 'groq.server.prompt_time.seconds';
export const METRIC_GROQ_SERVER_COMPLETION_TIME_SECONDS = 'groq.server.completion_time.seconds';
export const METRIC_GROQ_SERVER_OUTPUT_TOKENS_PER_SECOND = 'groq.server.output_tokens_per_second';
export const METRIC_GROQ_AUDIO_BILLED_SECONDS = 'groq.audio.billed.seconds';
export const METRIC_GROQ_SPEECH_CHARACTERS = 'groq.speech.characters';
export const METRIC_GROQ_TOOL_CALLS = 'groq.tool.calls';
export const METRIC_GROQMETER_DROPPED = 'groqmeter.dropped';
/** Operations that had (or should have had) billable usage, by how completely they were priced. */
export const METRIC_GROQ_PRICED_OPERATIONS = 'groq.priced.operations';
/** Compound `usage_breakdown`s that did not add up to the request's usage, by the rule applied. */
export const METRIC_GROQMETER_USAGE_RECONCILED = 'groqmeter.usage.reconciled';

// Labels of the groq.* metrics (short, Prometheus-friendly).
export const LABEL_MODEL = 'model';
export const LABEL_OPERATION = 'operation';
export const LABEL_TYPE = 'type';
export const LABEL_COMPONENT = 'component';
export const LABEL_SERVICE_TIER = 'service_tier';
export const LABEL_BATCH = 'batch';
export const LABEL_BASELINE_MODEL = 'baseline_model';
export const LABEL_OUTCOME = 'outcome';
export const LABEL_ERROR_TYPE = 'error_type';
export const LABEL_STATUS_CODE = 'status_code';
export const LABEL_RESOURCE = 'resource';
export const LABEL_TOOL = 'tool';
export const LABEL_REASON = 'reason';
export const LABEL_PRICING = 'pricing';
export const LABEL_RULE = 'rule';
/** Who served the operation (`groq`, `openai`): on every groq.* series that has an `operation` label. */
export const LABEL_PROVIDER = 'provider';

export const TOKEN_TYPE_VALUE_INPUT = 'input';
export const TOKEN_TYPE_VALUE_CACHED_INPUT = 'cached_input';
export const TOKEN_TYPE_VALUE_OUTPUT = 'output';
export const TOKEN_TYPE_VALUE_REASONING = 'reasoning';
/** The audio parts of input and output (OpenAI audio tokens), subsets like cached input and reasoning. */
export const TOKEN_TYPE_VALUE_AUDIO_INPUT = 'audio_input';
export const TOKEN_TYPE_VALUE_AUDIO_OUTPUT = 'audio_output';
export const OUTCOME_VALUE_SUCCESS = 'success';
export const OUTCOME_VALUE_ERROR = 'error';
export const OUTCOME_VALUE_ABANDONED = 'abandoned';
export const RESOURCE_VALUE_REQUESTS = 'requests';
export const RESOURCE_VALUE_TOKENS = 'tokens';
/** `service_tier` label when the request named none: Groq's default tier. */
export const SERVICE_TIER_VALUE_ON_DEMAND = 'on_demand';
/** `service_tier` label when an OpenAI request named none: OpenAI's standard tier. */
export const SERVICE_TIER_VALUE_DEFAULT = 'default';
/** Attribution label value that replaces new values once a metric reached its series cap. */
export const OVERFLOW_VALUE = '__overflow__';

/**
 * `pricing` label of `groq.priced.operations` and value of `groq.cost.pricing`. When several
 * apply, the first of unpriced > usage_missing > partial > stale > exact wins.
 */
export const PRICING_VALUE_EXACT = 'exact';
export const PRICING_VALUE_PARTIAL = 'partial';
export const PRICING_VALUE_STALE = 'stale';
export const PRICING_VALUE_UNPRICED = 'unpriced';
export const PRICING_VALUE_USAGE_MISSING = 'usage_missing';

/** `groqmeter.dropped` reasons raised by the recorder. */
export const DROPPED_REASON_VALUE_USAGE_MISSING = 'usage_missing';
export const DROPPED_REASON_VALUE_UNKNOWN_MODEL = 'unknown_model';
export const DROPPED_REASON_VALUE_SERIES_CAP = 'series_cap';
export const DROPPED_REASON_VALUE_RECORDER_ERROR = 'recorder_error';
export const DROPPED_REASON_VALUE_BAD_HEADER = 'bad_header';

// groq.* span attributes.
export const ATTR_GROQ_REQUEST_ID = 'groq.request_id';
export const ATTR_GROQ_SERVER_QUEUE_TIME = 'groq.server.queue_time';
export const ATTR_GROQ_SERVER_PROMPT_TIME = 'groq.server.prompt_time';
export const ATTR_GROQ_SERVER_COMPLETION_TIME = 'groq.server.completion_time';
export const ATTR_GROQ_SERVER_TOTAL_TIME = 'groq.server.total_time';
export const ATTR_GROQ_COST_USD = 'groq.cost.usd';
/** True whenever a cost was recorded: exact, partial or stale. */
export const ATTR_GROQ_COST_KNOWN = 'groq.cost.known';
/** True when parts of the operation could not be priced and are left out of `groq.cost.usd`. */
export const ATTR_GROQ_COST_PARTIAL = 'groq.cost.partial';
/** Why the cost is partial: bounded reason words such as `code_execution_seconds_unknown` (string[]). */
export const ATTR_GROQ_COST_PARTIAL_REASONS = 'groq.cost.partial_reasons';
/** True when a part was priced at a retired model's last known prices. */
export const ATTR_GROQ_COST_STALE = 'groq.cost.stale';
/** `exact`, `partial`, `stale`, `unpriced` or `usage_missing` (see the `PRICING_VALUE_*` constants). */
export const ATTR_GROQ_COST_PRICING = 'groq.cost.pricing';
export const ATTR_GROQ_COST_BASELINE_USD = 'groq.cost.baseline.usd';
/**
 * The exact cost in the pricing engine's quanta (`QUANTA_PER_USD` per USD), as a decimal integer
 * string (`"783000000000000"`): `groq.cost.usd` is rounded to 12 decimals, which is not exact for
 * per-second audio and tool prices.
 */
export const ATTR_GROQ_COST_QUANTA = 'groq.cost.quanta';
/** The exact baseline cost in quanta, as a decimal integer string. */
export const ATTR_GROQ_COST_BASELINE_QUANTA = 'groq.cost.baseline.quanta';
/** The catalogue id of the model the baseline cost was priced on (`"gpt-4o"`). */
export const ATTR_GROQ_COST_BASELINE_MODEL = 'groq.cost.baseline.model';
/** Audio duration of a transcription or translation in seconds, before the 10 s minimum (double). */
export const ATTR_GROQ_USAGE_AUDIO_SECONDS = 'groq.usage.audio_seconds';
/** Input characters of a text-to-speech request (int). */
export const ATTR_GROQ_USAGE_CHARACTERS = 'groq.usage.characters';
/** Built-in tool calls of the operation, all tools together (int). */
export const ATTR_GROQ_USAGE_TOOL_CALLS = 'groq.usage.tool_calls';
export const ATTR_GROQ_RATELIMIT_REMAINING_REQUESTS = 'groq.ratelimit.remaining.requests';
export const ATTR_GROQ_RATELIMIT_REMAINING_TOKENS = 'groq.ratelimit.remaining.tokens';
export const ATTR_GROQ_RETRIES = 'groq.retries';
export const ATTR_GROQ_SERVICE_TIER = 'groq.service_tier';
export const ATTR_GROQ_BATCH = 'groq.batch';
export const ATTR_GROQ_REQUEST_REASONING_EFFORT = 'groq.request.reasoning_effort';
export const ATTR_GROQ_REQUEST_TOOLS_COUNT = 'groq.request.tools_count';
export const ATTR_GROQMETER_SOURCE = 'groqmeter.source';
export const ATTR_GROQMETER_ABANDONED = 'groqmeter.abandoned';

/** Environment variable of the semconv stability opt-in (a comma-separated list). */
export const ENV_SEMCONV_STABILITY_OPT_IN = 'OTEL_SEMCONV_STABILITY_OPT_IN';
/** Opt-in token asking for the latest experimental GenAI conventions. */
export const SEMCONV_OPT_IN_GEN_AI_LATEST_EXPERIMENTAL = 'gen_ai_latest_experimental';

/**
 * Parse `OTEL_SEMCONV_STABILITY_OPT_IN` (comma-separated, whitespace and case ignored).
 *
 * groqmeter is a new instrumentation with no older convention version to keep, so it emits the
 * latest experimental GenAI conventions (v1.41.0) whether or not `gen_ai_latest_experimental` is
 * listed; the parsed set only tells whether the user asked for it explicitly.
 */
export function parseSemconvStabilityOptIn(value: string | undefined): ReadonlySet<string> {
  const tokens = (value ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token.length > 0);
  return new Set(tokens);
}
