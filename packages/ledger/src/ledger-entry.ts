import { formatUsd, type Usage } from '@groqmeter/pricing';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOOL_DEFINITIONS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  ATTR_GROQ_BATCH,
  ATTR_GROQ_COST_BASELINE_MODEL,
  ATTR_GROQ_COST_BASELINE_QUANTA,
  ATTR_GROQ_COST_BASELINE_USD,
  ATTR_GROQ_COST_KNOWN,
  ATTR_GROQ_COST_QUANTA,
  ATTR_GROQ_COST_USD,
  ATTR_GROQ_REQUEST_ID,
  ATTR_GROQ_SERVICE_TIER,
  ATTR_GROQ_USAGE_AUDIO_SECONDS,
  ATTR_GROQ_USAGE_CHARACTERS,
  ATTR_GROQ_USAGE_TOOL_CALLS,
  ATTR_GROQMETER_ABANDONED,
  ATTR_GROQMETER_OPERATION_TYPE,
  ATTR_GROQMETER_SOURCE,
  ATTRIBUTION_FUNCTION_NAME,
  GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  GEN_AI_PROVIDER_NAME_VALUE_OPENAI,
} from '@groqmeter/recorder';
import type { Attributes } from '@opentelemetry/api';
import { InvalidSpanError } from './errors.js';
import { type CostPricing, exactCost, SPAN_USD_DECIMALS } from './exact-cost.js';
import {
  ATTR_GROQ_BATCH_ID,
  ATTR_GROQ_COST_PARTIAL,
  ATTR_GROQ_COST_PARTIAL_REASONS,
  ATTR_GROQ_COST_PRICING,
  ATTR_GROQ_COST_STALE,
  isLedgerPricing,
  pricingOf,
} from './pricing-attributes.js';
import { SpanAttributeReader } from './span-attribute-reader.js';
import type { AttributionColumns, LedgerEntry, LedgerOutcome, LedgerPricing, LedgerSpan } from './types.js';

/** `service.name` of the resource (semconv). */
const ATTR_SERVICE_NAME = 'service.name';

/** The default span attribute of each attribution column. */
export const DEFAULT_ATTRIBUTION_COLUMNS: AttributionColumns = {
  userId: 'user.id',
  feature: 'feature',
  platform: 'platform',
  tenant: 'tenant',
  functionName: ATTRIBUTION_FUNCTION_NAME,
};

/** The providers groqmeter meters; spans of any other `gen_ai.provider.name` are not its operations. */
const METERED_PROVIDERS: ReadonlySet<unknown> = new Set([
  GEN_AI_PROVIDER_NAME_VALUE_GROQ,
  GEN_AI_PROVIDER_NAME_VALUE_OPENAI,
]);

/**
 * Namespaces the recorder's own attributes live in. Everything else on a groqmeter span is
 * attribution: the recorder puts the user's attributes on the span under their own keys.
 */
const RECORDER_NAMESPACES = ['gen_ai.', 'groq.', 'groqmeter.', 'server.', 'error.'];

const CONTENT_ATTRIBUTES = [
  ATTR_GEN_AI_INPUT_MESSAGES,
  ATTR_GEN_AI_OUTPUT_MESSAGES,
  ATTR_GEN_AI_SYSTEM_INSTRUCTIONS,
  ATTR_GEN_AI_TOOL_DEFINITIONS,
];

/** The latest start time a row can have: the last millisecond of year 9999, the end of ISO-8601's four-digit years. */
const LATEST_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** How spans become rows. */
export interface EntryOptions extends CostPricing {
  captureMessageContent: boolean;
  attributionColumns: AttributionColumns;
}

/** Whether a span is a groqmeter operation: `gen_ai.provider.name` `groq` or `openai`, and a `groqmeter.source`. */
export function isGroqmeterSpan(attributes: Attributes): boolean {
  return (
    METERED_PROVIDERS.has(attributes[ATTR_GEN_AI_PROVIDER_NAME]) &&
    typeof attributes[ATTR_GROQMETER_SOURCE] === 'string'
  );
}

/**
 * The operation type of spans of recorders older than `groqmeter.operation.type`, by the
 * recorder's rule (the migration backfills old rows the same way).
 */
function operationTypeOf(operation: string, batch: boolean): string {
  if (batch || operation === 'batch') return 'batch';
  return operation === 'embeddings' ? 'embedding' : operation;
}

function attributionOf(attributes: Attributes): Record<string, string | number | boolean> {
  const attribution: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (RECORDER_NAMESPACES.some((namespace) => key.startsWith(namespace))) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      attribution[key] = value;
    }
  }
  return attribution;
}

function attributionColumn(
  attribution: Record<string, string | number | boolean>,
  key: string,
): string | null {
  const value = attribution[key];
  return value === undefined ? null : String(value);
}

function contentOf(reader: SpanAttributeReader): Record<string, string> | null {
  const content: Record<string, string> = {};
  for (const key of CONTENT_ATTRIBUTES) {
    const value = reader.string(key);
    if (value !== null) content[key] = value;
  }
  return Object.keys(content).length > 0 ? content : null;
}

function pricingAttributeOf(reader: SpanAttributeReader): LedgerPricing | null {
  const pricing = reader.string(ATTR_GROQ_COST_PRICING);
  if (pricing === null || isLedgerPricing(pricing)) return pricing;
  throw new InvalidSpanError(
    `attribute ${ATTR_GROQ_COST_PRICING} must be one of exact, partial, stale, unpriced, usage_missing`,
  );
}

function startTimeOf(span: LedgerSpan): Date {
  const startMs = Number(span.startTimeUnixNano / 1_000_000n);
  if (span.startTimeUnixNano <= 0n || startMs > LATEST_TIME_MS) {
    throw new InvalidSpanError(
      'the span start time must be after 1970-01-01 and before year 10000 (startTimeUnixNano in nanoseconds since the epoch)',
    );
  }
  if (span.endTimeUnixNano < span.startTimeUnixNano) {
    throw new InvalidSpanError('the span ends before it starts (endTimeUnixNano < startTimeUnixNano)');
  }
  return new Date(startMs);
}

function outcomeOf(reader: SpanAttributeReader): LedgerOutcome {
  if (reader.string(ATTR_ERROR_TYPE) !== null) return 'error';
  return reader.boolean(ATTR_GROQMETER_ABANDONED) === true ? 'abandoned' : 'success';
}

function usageOf(
  entry: Pick<
    LedgerEntry,
    'inputTokens' | 'cachedInputTokens' | 'outputTokens' | 'reasoningTokens' | 'audioSeconds' | 'characters'
  >,
): Usage {
  const usage: Usage = {};
  if (entry.inputTokens !== null) usage.inputTokens = entry.inputTokens;
  if (entry.cachedInputTokens !== null) usage.cachedInputTokens = entry.cachedInputTokens;
  if (entry.outputTokens !== null) usage.outputTokens = entry.outputTokens;
  if (entry.reasoningTokens !== null) usage.reasoningTokens = entry.reasoningTokens;
  if (entry.audioSeconds !== null) usage.audioSeconds = entry.audioSeconds;
  if (entry.characters !== null) usage.characters = entry.characters;
  return usage;
}

/**
 * The ledger row of a span, or `undefined` when the span is not a groqmeter operation.
 *
 * @throws {InvalidSpanError} when a groqmeter span has an attribute of the wrong type, or times
 *   that cannot be right.
 */
export function readLedgerEntry(span: LedgerSpan, options: EntryOptions): LedgerEntry | undefined {
  if (!isGroqmeterSpan(span.attributes)) return undefined;
  const reader = new SpanAttributeReader(span.attributes);
  const operation = reader.string(ATTR_GEN_AI_OPERATION_NAME);
  if (operation === null) {
    throw new InvalidSpanError(`a groqmeter span needs the attribute ${ATTR_GEN_AI_OPERATION_NAME}`);
  }
  const startTime = startTimeOf(span);
  const provider = reader.string(ATTR_GEN_AI_PROVIDER_NAME)!;
  const facts = {
    requestModel: reader.string(ATTR_GEN_AI_REQUEST_MODEL),
    responseModel: reader.string(ATTR_GEN_AI_RESPONSE_MODEL),
    inputTokens: reader.count(ATTR_GEN_AI_USAGE_INPUT_TOKENS),
    cachedInputTokens: reader.count(ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS),
    outputTokens: reader.count(ATTR_GEN_AI_USAGE_OUTPUT_TOKENS),
    reasoningTokens: reader.count(ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS),
    audioSeconds: reader.seconds(ATTR_GROQ_USAGE_AUDIO_SECONDS),
    characters: reader.count(ATTR_GROQ_USAGE_CHARACTERS),
    toolCalls: reader.count(ATTR_GROQ_USAGE_TOOL_CALLS),
    serviceTier: reader.string(ATTR_GROQ_SERVICE_TIER),
    batch: reader.boolean(ATTR_GROQ_BATCH) === true,
  };
  const costKnown = reader.boolean(ATTR_GROQ_COST_KNOWN);
  const spanCostUsd = reader.usd(ATTR_GROQ_COST_USD);
  const spanCostQuanta = reader.quanta(ATTR_GROQ_COST_QUANTA);
  if (costKnown === true && spanCostUsd === null && spanCostQuanta === null) {
    throw new InvalidSpanError(
      `${ATTR_GROQ_COST_KNOWN} is true but the span has neither ${ATTR_GROQ_COST_USD} nor ${ATTR_GROQ_COST_QUANTA}`,
    );
  }
  const priced = costKnown === true;
  const cost = exactCost(
    {
      operation,
      requestModel: facts.requestModel,
      responseModel: facts.responseModel,
      usage: usageOf(facts),
      serviceTier: facts.serviceTier,
      batch: facts.batch,
      at: startTime,
      provider,
      costUsd: priced ? spanCostUsd : null,
      costQuanta: priced ? spanCostQuanta : null,
      baselineUsd: priced ? reader.usd(ATTR_GROQ_COST_BASELINE_USD) : null,
      baselineQuanta: priced ? reader.quanta(ATTR_GROQ_COST_BASELINE_QUANTA) : null,
      baselineModel: priced ? reader.string(ATTR_GROQ_COST_BASELINE_MODEL) : null,
    },
    options,
  );
  const outcome = outcomeOf(reader);
  const costPartial = reader.boolean(ATTR_GROQ_COST_PARTIAL) === true;
  const costStale = reader.boolean(ATTR_GROQ_COST_STALE) === true;
  const pricing = pricingOf({
    operation,
    outcome,
    pricing: pricingAttributeOf(reader),
    costKnown,
    partial: costPartial,
    stale: costStale,
  });
  const attribution = attributionOf(span.attributes);
  const columns = options.attributionColumns;
  const serviceName = span.resourceAttributes[ATTR_SERVICE_NAME];
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    startTime,
    durationSeconds: Number(span.endTimeUnixNano - span.startTimeUnixNano) / 1e9,
    operation,
    provider,
    operationType: reader.string(ATTR_GROQMETER_OPERATION_TYPE) ?? operationTypeOf(operation, facts.batch),
    source: reader.string(ATTR_GROQMETER_SOURCE)!,
    serviceName: typeof serviceName === 'string' ? serviceName : null,
    ...facts,
    costKnown,
    pricing,
    costPartial,
    partialReasons: reader.strings(ATTR_GROQ_COST_PARTIAL_REASONS),
    costStale,
    costQuanta: cost.costQuanta,
    costUsd: cost.costQuanta === null ? null : formatUsd(cost.costQuanta, SPAN_USD_DECIMALS),
    costExact: cost.costExact,
    baselineModel: cost.baselineModel,
    baselineCostQuanta: cost.baselineCostQuanta,
    baselineCostUsd:
      cost.baselineCostQuanta === null ? null : formatUsd(cost.baselineCostQuanta, SPAN_USD_DECIMALS),
    ttftSeconds: reader.seconds(ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK),
    outcome,
    errorType: reader.string(ATTR_ERROR_TYPE),
    requestId: reader.string(ATTR_GROQ_REQUEST_ID),
    batchId: reader.string(ATTR_GROQ_BATCH_ID),
    userId: attributionColumn(attribution, columns.userId),
    feature: attributionColumn(attribution, columns.feature),
    platform: attributionColumn(attribution, columns.platform),
    tenant: attributionColumn(attribution, columns.tenant),
    functionName: attributionColumn(attribution, columns.functionName),
    attributes: attribution,
    content: options.captureMessageContent ? contentOf(reader) : null,
  };
}
