/**
 * What the dashboards must show, computed without any telemetry: from the simulator's own record
 * of what it served (`stats()`), priced with `@groqmeter/pricing` by Groq's billing rules, and
 * from its rate-limit budgets.
 */
import type { Quantity } from '@groqmeter/grafana';
import {
  COMPOUND_ANSWER_MODEL,
  COMPOUND_TOOL_MODEL,
  type ModelLimits,
  NO_MODEL,
  type OperationStats,
  type SimulatorStats,
  TOOL_CALL_TOKENS,
  TOOL_OUTPUT_TOKENS,
} from '@groqmeter/groq-simulator';
import {
  type BaselineOperation,
  defaultPriceBook,
  type KnownPrice,
  type PriceOptions,
  toUsdNumber,
  type Usage,
} from '@groqmeter/pricing';

/** A value to compare a query result with: one number, or one number per label combination. */
export type Expected =
  | { kind: 'total'; value: number }
  | { kind: 'minimum'; value: number }
  | { kind: 'by'; labels: readonly string[]; values: ReadonlyMap<string, number> };

/** A model and operation as the simulator counts them. */
export interface ModelOperation {
  model: string;
  operation: string;
}

/** Everything the expected values are computed from. */
export interface Traffic {
  stats: SimulatorStats;
  /** Each model's rate-limit budgets as the simulator was configured. */
  limitsOf(model: string): ModelLimits | undefined;
  /**
   * Tokens the simulator charged to TPM budgets that its token stats do not show: text-to-speech
   * input, and streams failed by an in-stream error (admitted, so charged; no usage reached the client).
   */
  unreportedTokens: Readonly<Record<string, number>>;
  /** Built-in tool calls per model (catalogue tool id → calls) that the simulator does not count. */
  builtInToolCalls: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Whether an exporter's batch reconciler meters the batch lines the simulator ran. */
  batchesMetered: boolean;
  /**
   * Compound systems whose answers were all streamed: Groq's streamed `usage_breakdown` repeats
   * the request's total usage in every entry, so the total is billed once, on the answering model.
   */
  streamedCompound: ReadonlySet<string>;
  /** Models the workload called on OpenAI's own API (the simulator standing in): `provider="openai"`. */
  openAiModels: ReadonlySet<string>;
  /** Operations whose every request had no usage groqmeter could read (Groq billed them anyway). */
  usageMissing: readonly ModelOperation[];
  /** The monthly budget the exporter publishes. */
  monthlyBudgetUsd: number;
  /** The `$__range` the queries ran with, and when they ran (seconds since the epoch). */
  rangeSeconds: number;
  evaluationTime: number;
}

/** One model's operation as the simulator served it. */
interface Served {
  model: string;
  operation: string;
  stats: OperationStats;
}

/** `pricing` of `groq_priced_operations_total`. */
type Pricing = 'exact' | 'partial' | 'stale' | 'unpriced' | 'usage_missing';

/** What groqmeter must have recorded for one served row (a model's operation). */
interface Metered {
  row: Served;
  /** `operation` label: the Responses API and batch lines are chat operations. */
  operation: BaselineOperation;
  /** Operations counted in `groq_priced_operations_total`, all with the same `pricing`. */
  count: number;
  pricing: Pricing;
  /** The known cost lines (none when unpriced or without usage). */
  prices: KnownPrice[];
  /** The usage the baseline is priced on; absent when no Groq cost was recorded. */
  baselineUsage?: Usage;
  /** Built-in tool calls by catalogue tool id. */
  toolCalls: Record<string, number>;
}

const CHAT_LIKE = new Set(['chat', 'responses', 'batch']);
const AUDIO = new Set(['transcription', 'translation']);

/**
 * Groq's `executed_tools[].type` (and the Responses API's tool types) → the price catalogue's
 * tool id, as Groq names its tools on the pricing page.
 */
const CATALOGUE_TOOL_ID: Readonly<Record<string, string>> = {
  search: 'web_search',
  visit: 'visit_website',
  python: 'code_execution',
  code_interpreter: 'code_execution',
  browser_automation: 'browser_automation',
  browser_search: 'browser_search',
};

/**
 * Tools Groq bills per hour: its answers carry no duration for them, so their cost cannot be
 * known and the operation is partial (the price catalogue: code execution $0.18/h, browser
 * automation $0.08/h).
 */
const TIME_BILLED_TOOLS = new Set(['code_execution', 'browser_automation']);

function served(stats: SimulatorStats, model: string | undefined): Served[] {
  return Object.entries(stats.models)
    .filter(([id]) => model === undefined || id === model)
    .flatMap(([id, operations]) =>
      Object.entries(operations).flatMap(([operation, operationStats]) =>
        operationStats === undefined ? [] : [{ model: id, operation, stats: operationStats }],
      ),
    );
}

function tokenUsage(stats: OperationStats): Usage {
  return {
    inputTokens: stats.promptTokens,
    cachedInputTokens: stats.cachedTokens,
    outputTokens: stats.completionTokens,
    reasoningTokens: stats.reasoningTokens,
  };
}

/** The usage Groq bills for one model and operation (audio after the 10 s minimum per request). */
function billedUsage({ operation, stats }: Served): Usage {
  if (CHAT_LIKE.has(operation)) return tokenUsage(stats);
  if (AUDIO.has(operation)) return { audioSeconds: stats.audioBilledSeconds };
  return { characters: stats.speechCharacters };
}

function known(model: string, usage: Usage, options?: PriceOptions): KnownPrice {
  const price = defaultPriceBook.price(model, usage, options);
  if (!price.known) throw new Error(`@groqmeter/pricing cannot price ${model}: ${price.reason}`);
  return price;
}

function usd(price: KnownPrice, components?: ReadonlySet<string>): number {
  if (components === undefined) return toUsdNumber(price.total);
  return price.lines
    .filter((line) => components.has(line.component))
    .reduce((sum, line) => sum + toUsdNumber(line.amount), 0);
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

const isCompound = (model: string) => model.startsWith('groq/compound');

/** Tool calls by catalogue id: the simulator's count plus those it does not see. */
function toolCallsOf(row: Served, traffic: Traffic): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const [type, count] of Object.entries(row.stats.toolCalls)) {
    const id = CATALOGUE_TOOL_ID[type] ?? type;
    calls[id] = (calls[id] ?? 0) + count;
  }
  if (row.operation === 'chat') {
    for (const [id, count] of Object.entries(traffic.builtInToolCalls[row.model] ?? {}))
      calls[id] = (calls[id] ?? 0) + count;
  }
  return calls;
}

/**
 * The token cost of a compound system's answers, priced on the models of its `usage_breakdown`
 * as the simulator splits it: the answering model gets the user's prompt and the answer less the
 * tools' routing tokens, the tool model each tool's output ({@link TOOL_OUTPUT_TOKENS} prompt
 * tokens) and {@link TOOL_CALL_TOKENS} completion tokens a call. A streamed breakdown repeats the
 * total: billed once on the answering model.
 */
function compoundTokenPrices(row: Served, toolCalls: number, traffic: Traffic): KnownPrice[] {
  const { promptTokens, completionTokens } = row.stats;
  if (traffic.streamedCompound.has(row.model))
    return [known(COMPOUND_ANSWER_MODEL, { inputTokens: promptTokens, outputTokens: completionTokens })];
  const toolPrompt = TOOL_OUTPUT_TOKENS * toolCalls;
  const toolCompletion = TOOL_CALL_TOKENS * toolCalls;
  return [
    known(COMPOUND_ANSWER_MODEL, {
      inputTokens: promptTokens - toolPrompt,
      outputTokens: completionTokens - toolCompletion,
    }),
    known(COMPOUND_TOOL_MODEL, { inputTokens: toolPrompt, outputTokens: toolCompletion }),
  ];
}

/** Operations groqmeter counts in `groq_priced_operations_total` for a row. */
function countedOperations(row: Served): number {
  if (row.operation === 'batch') return row.stats.batchRequests;
  // A stream failed by an in-stream error got its 200 but no usage: Groq does not bill it.
  return (row.stats.requests['200'] ?? 0) - (row.stats.faults['stream-error'] ?? 0) - row.stats.clientAborts;
}

/** What groqmeter records for one row: how it is priced, its known cost lines, its baseline usage. */
function meter(row: Served, traffic: Traffic): Metered {
  const operation = (CHAT_LIKE.has(row.operation) ? 'chat' : row.operation) as BaselineOperation;
  const toolCalls = toolCallsOf(row, traffic);
  const base = { row, operation, count: countedOperations(row), toolCalls };
  if (traffic.usageMissing.some((item) => item.model === row.model && item.operation === row.operation))
    return { ...base, pricing: 'usage_missing', prices: [] };
  const usage = billedUsage(row);
  const options = { batch: row.operation === 'batch' };
  const prices: KnownPrice[] = [];
  const partial: string[] = [];
  if (isCompound(row.model)) {
    prices.push(...compoundTokenPrices(row, sum(Object.values(toolCalls)), traffic));
  } else {
    const price = defaultPriceBook.price(row.model, usage, options);
    if (!price.known) return { ...base, pricing: 'unpriced', prices: [] };
    prices.push(price);
  }
  for (const [tool, calls] of Object.entries(toolCalls)) {
    if (TIME_BILLED_TOOLS.has(tool)) partial.push(tool);
    else prices.push(known(row.model, { toolCalls: { [tool]: calls } }));
  }
  const stale = prices.some((price) => price.stale !== undefined);
  const pricing: Pricing = partial.length > 0 ? 'partial' : stale ? 'stale' : 'exact';
  // What OpenAI served has no OpenAI baseline to save against.
  if (traffic.openAiModels.has(row.model)) return { ...base, pricing, prices };
  const baselineUsage = AUDIO.has(row.operation) ? { audioSeconds: row.stats.audioSeconds } : usage;
  return { ...base, pricing, prices, baselineUsage };
}

function daysInMonth(epochSeconds: number): number {
  const date = new Date(epochSeconds * 1000);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

interface Budget {
  model: string;
  resource: 'requests' | 'tokens';
  limit: number;
  remaining: number;
}

/**
 * Each model's budgets after the traffic (the simulator clock is frozen: nothing refills). Batch
 * lines use no budget.
 */
function budgets(traffic: Traffic, rows: Served[]): Budget[] {
  const charged = rows.filter((row) => row.operation !== 'batch');
  const models = [...new Set(charged.map((row) => row.model))];
  return models.flatMap((model) => {
    const limits = traffic.limitsOf(model) ?? {};
    const ofModel = charged.filter((row) => row.model === model);
    const admitted = sum(ofModel.map((row) => row.stats.requests['200'] ?? 0));
    const chatTokens = sum(
      ofModel
        .filter((row) => CHAT_LIKE.has(row.operation))
        .map((row) => row.stats.promptTokens - row.stats.cachedTokens + row.stats.completionTokens),
    );
    const result: Budget[] = [];
    if (limits.requestsPerDay !== undefined) {
      result.push({
        model,
        resource: 'requests',
        limit: limits.requestsPerDay,
        remaining: limits.requestsPerDay - admitted,
      });
    }
    if (limits.tokensPerMinute !== undefined) {
      const used = chatTokens + (traffic.unreportedTokens[model] ?? 0);
      result.push({
        model,
        resource: 'tokens',
        limit: limits.tokensPerMinute,
        remaining: limits.tokensPerMinute - used,
      });
    }
    return result;
  });
}

function byLabels(labels: readonly string[], entries: [string[], number][]): Expected {
  const values = new Map<string, number>();
  for (const [key, value] of entries) {
    const joined = key.join('|');
    values.set(joined, (values.get(joined) ?? 0) + value);
  }
  return { kind: 'by', labels, values };
}

/** Quantities the proof checks beyond the panels' `expect`ed ones. */
export interface ExtraExpected {
  /** "Telemetry dropped, by reason": `groqmeter_dropped_total` by `reason`. */
  dropped_by_reason: Expected;
}

/** The rows groqmeter meters: every billable operation, batch lines when a reconciler reads them. */
function meteredRows(traffic: Traffic, model: string | undefined): Metered[] {
  return served(traffic.stats, model)
    .filter((row) => row.model !== NO_MODEL)
    .filter((row) => CHAT_LIKE.has(row.operation) || AUDIO.has(row.operation) || row.operation === 'speech')
    .filter((row) => row.operation !== 'batch' || traffic.batchesMetered)
    .map((row) => meter(row, traffic));
}

/**
 * Every {@link Quantity} the dashboards show, for all traffic or for one model's (the `$model`
 * variable set to it), and the {@link ExtraExpected} ones.
 */
export function expectedValues(traffic: Traffic, model?: string): Record<Quantity, Expected> & ExtraExpected {
  const metered = meteredRows(traffic, model);
  const tokenRows = metered.filter(
    ({ row, pricing }) => CHAT_LIKE.has(row.operation) && pricing !== 'usage_missing',
  );
  const audio = metered.filter(({ row, pricing }) => AUDIO.has(row.operation) && pricing !== 'usage_missing');
  const prices = metered.flatMap((item) => item.prices);
  const spend = sum(prices.map((price) => usd(price)));
  const limits = budgets(traffic, served(traffic.stats, model));
  const headroom = limits.filter((budget) => budget.limit > 0);
  const countOf = (pricing: Pricing) =>
    sum(metered.filter((item) => item.pricing === pricing).map((item) => item.count));
  const allCounted = sum(metered.map((item) => item.count));

  const cachedSavings = sum(
    tokenRows
      .filter(({ row }) => row.stats.cachedTokens > 0)
      .map(({ row }) => {
        const cached = row.stats.cachedTokens;
        return (
          usd(known(row.model, { inputTokens: cached })) -
          usd(known(row.model, { inputTokens: cached, cachedInputTokens: cached }))
        );
      }),
  );
  const baselineSavings = sum(
    metered.map((item) => {
      if (item.baselineUsage === undefined) return 0;
      const baseline = defaultPriceBook.priceBaseline(item.operation, item.baselineUsage);
      if (!baseline.known) return 0;
      const groq = sum(
        item.prices.map((price) =>
          usd(price, new Set(['input', 'cached_input', 'output', 'audio', 'speech'])),
        ),
      );
      return toUsdNumber(baseline.total) - groq;
    }),
  );
  // What the batch lines would have cost on demand, minus what they cost at the batch price.
  const batchSavings = sum(
    metered
      .filter(({ row }) => row.operation === 'batch')
      .map(
        ({ row }) =>
          usd(known(row.model, billedUsage(row))) - usd(known(row.model, billedUsage(row), { batch: true })),
      ),
  );

  return {
    spend: { kind: 'total', value: spend },
    audio_speech_spend: {
      kind: 'total',
      value: sum(prices.map((price) => usd(price, new Set(['audio', 'speech'])))),
    },
    spend_forecast: {
      kind: 'total',
      value: (spend * daysInMonth(traffic.evaluationTime) * 86_400) / traffic.rangeSeconds,
    },
    budget_used: { kind: 'total', value: spend / traffic.monthlyBudgetUsd },
    input_tokens: { kind: 'total', value: sum(tokenRows.map(({ row }) => row.stats.promptTokens)) },
    output_tokens: { kind: 'total', value: sum(tokenRows.map(({ row }) => row.stats.completionTokens)) },
    tokens_by_model_and_type: byLabels(
      ['model', 'type'],
      tokenRows.flatMap(({ row }): [string[], number][] => [
        [[row.model, 'input'], row.stats.promptTokens],
        [[row.model, 'cached_input'], row.stats.cachedTokens],
        [[row.model, 'output'], row.stats.completionTokens],
        [[row.model, 'reasoning'], row.stats.reasoningTokens],
      ]),
    ),
    cached_token_savings: { kind: 'total', value: cachedSavings },
    batch_savings: { kind: 'total', value: batchSavings },
    baseline_savings: { kind: 'total', value: baselineSavings },
    headroom: byLabels(
      ['model', 'resource'],
      headroom.map((budget) => [[budget.model, budget.resource], budget.remaining / budget.limit]),
    ),
    lowest_headroom: {
      kind: 'minimum',
      value: Math.min(...headroom.map((budget) => budget.remaining / budget.limit)),
    },
    ratelimit_remaining: byLabels(
      ['model', 'resource'],
      limits.map((budget) => [[budget.model, budget.resource], budget.remaining]),
    ),
    ratelimit_limit: byLabels(
      ['model', 'resource'],
      limits.map((budget) => [[budget.model, budget.resource], budget.limit]),
    ),
    ratelimit_hits: {
      kind: 'total',
      value: sum(served(traffic.stats, model).map((row) => row.stats.requests['429'] ?? 0)),
    },
    audio_billed_minutes: {
      kind: 'total',
      value: sum(audio.map(({ row }) => row.stats.audioBilledSeconds)) / 60,
    },
    speech_characters: {
      kind: 'total',
      value: sum(metered.map(({ row }) => row.stats.speechCharacters)),
    },
    tool_calls: { kind: 'total', value: sum(metered.flatMap((item) => Object.values(item.toolCalls))) },
    fully_priced_share: { kind: 'total', value: countOf('exact') / allCounted },
    priced_operations_by_pricing: byLabels(
      ['pricing'],
      (['exact', 'partial', 'stale', 'unpriced', 'usage_missing'] as const).map((pricing) => [
        [pricing],
        countOf(pricing),
      ]),
    ),
    dropped_by_reason: byLabels(
      ['reason'],
      [
        [['unknown_model'], countOf('unpriced')],
        [['usage_missing'], countOf('usage_missing')],
      ],
    ),
  };
}
