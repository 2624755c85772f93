/**
 * What the dashboards must show, computed without any telemetry: from the simulator's own record
 * of what it served (`stats()`), priced with `@groqmeter/pricing`, and from its rate-limit budgets.
 */
import type { Quantity } from '@groqmeter/grafana';
import type { ModelLimits, OperationStats, SimulatorStats } from '@groqmeter/groq-simulator';
import {
  type BaselineOperation,
  defaultPriceBook,
  type KnownPrice,
  toUsdNumber,
  type Usage,
} from '@groqmeter/pricing';

/** A value to compare a query result with: one number, or one number per label combination. */
export type Expected =
  | { kind: 'total'; value: number }
  | { kind: 'minimum'; value: number }
  | { kind: 'by'; labels: readonly string[]; values: ReadonlyMap<string, number> };

/** Everything the expected values are computed from. */
export interface Traffic {
  stats: SimulatorStats;
  /** Each model's rate-limit budgets as the simulator was configured. */
  limitsOf(model: string): ModelLimits | undefined;
  /** Tokens the simulator charged to TPM budgets for requests other than chat (text-to-speech). */
  nonChatTokens: Readonly<Record<string, number>>;
  /** Built-in tool calls per model (catalogue tool id → calls): the simulator does not count them. */
  builtInToolCalls: Readonly<Record<string, Readonly<Record<string, number>>>>;
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

const PRICED_OPERATIONS = new Set(['chat', 'transcription', 'translation', 'speech']);

function served(stats: SimulatorStats, model: string | undefined): Served[] {
  return Object.entries(stats.models)
    .filter(([id]) => model === undefined || id === model)
    .flatMap(([id, operations]) =>
      Object.entries(operations).flatMap(([operation, operationStats]) =>
        operationStats === undefined ? [] : [{ model: id, operation, stats: operationStats }],
      ),
    );
}

/** The usage Groq bills for one model and operation (audio after the 10 s minimum per request). */
function billedUsage({ operation, stats }: Served): Usage {
  switch (operation) {
    case 'chat':
      return {
        inputTokens: stats.promptTokens,
        cachedInputTokens: stats.cachedTokens,
        outputTokens: stats.completionTokens,
        reasoningTokens: stats.reasoningTokens,
      };
    case 'transcription':
    case 'translation':
      return { audioSeconds: stats.audioBilledSeconds };
    default:
      return { characters: stats.speechCharacters };
  }
}

function known(model: string, usage: Usage): KnownPrice {
  const price = defaultPriceBook.price(model, usage);
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

/** Each model's budgets after the traffic (the simulator clock is frozen: nothing refills). */
function budgets(traffic: Traffic, rows: Served[]): Budget[] {
  const models = [...new Set(rows.map((row) => row.model))];
  return models.flatMap((model) => {
    const limits = traffic.limitsOf(model) ?? {};
    const ofModel = rows.filter((row) => row.model === model);
    const admitted = sum(ofModel.map((row) => row.stats.requests['200'] ?? 0));
    const chatTokens = sum(
      ofModel
        .filter((row) => row.operation === 'chat')
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
      const used = chatTokens + (traffic.nonChatTokens[model] ?? 0);
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

/**
 * Every {@link Quantity} the dashboards show, for all traffic or for one model's (the `$model`
 * variable set to it).
 */
export function expectedValues(traffic: Traffic, model?: string): Record<Quantity, Expected> {
  const rows = served(traffic.stats, model).filter((row) => PRICED_OPERATIONS.has(row.operation));
  const chat = rows.filter((row) => row.operation === 'chat');
  const audio = rows.filter((row) => row.operation === 'transcription' || row.operation === 'translation');
  const toolPrices = Object.entries(traffic.builtInToolCalls)
    .filter(([id]) => model === undefined || id === model)
    .map(([id, toolCalls]) => known(id, { toolCalls: { ...toolCalls } }));
  const prices = [...rows.map((row) => known(row.model, billedUsage(row))), ...toolPrices];
  const spend = sum(prices.map((price) => usd(price)));
  const toolCalls = sum(toolPrices.flatMap((price) => price.lines.map((line) => line.quantity)));
  const pricedCount = sum(rows.map((row) => row.stats.requests['200'] ?? 0));
  const limits = budgets(traffic, served(traffic.stats, model));
  const headroom = limits.filter((budget) => budget.limit > 0);

  const cachedSavings = sum(
    chat
      .filter((row) => row.stats.cachedTokens > 0)
      .map((row) => {
        const cached = row.stats.cachedTokens;
        return (
          usd(known(row.model, { inputTokens: cached })) -
          usd(known(row.model, { inputTokens: cached, cachedInputTokens: cached }))
        );
      }),
  );
  const baselineSavings = sum(
    rows.map((row) => {
      const usage: Usage =
        row.operation === 'chat' || row.operation === 'speech'
          ? billedUsage(row)
          : { audioSeconds: row.stats.audioSeconds };
      const baseline = defaultPriceBook.priceBaseline(row.operation as BaselineOperation, usage);
      if (!baseline.known) return 0;
      return (
        toUsdNumber(baseline.total) -
        usd(
          known(row.model, billedUsage(row)),
          new Set(['input', 'cached_input', 'output', 'audio', 'speech']),
        )
      );
    }),
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
    input_tokens: { kind: 'total', value: sum(chat.map((row) => row.stats.promptTokens)) },
    output_tokens: { kind: 'total', value: sum(chat.map((row) => row.stats.completionTokens)) },
    tokens_by_model_and_type: byLabels(
      ['model', 'type'],
      chat.flatMap((row): [string[], number][] => [
        [[row.model, 'input'], row.stats.promptTokens],
        [[row.model, 'cached_input'], row.stats.cachedTokens],
        [[row.model, 'output'], row.stats.completionTokens],
        [[row.model, 'reasoning'], row.stats.reasoningTokens],
      ]),
    ),
    cached_token_savings: { kind: 'total', value: cachedSavings },
    batch_savings: { kind: 'total', value: 0 },
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
      value: sum(audio.map((row) => row.stats.audioBilledSeconds)) / 60,
    },
    speech_characters: { kind: 'total', value: sum(rows.map((row) => row.stats.speechCharacters)) },
    tool_calls: { kind: 'total', value: toolCalls },
    // The workload's models are all in the catalogue and current, and no answer loses its usage.
    fully_priced_share: { kind: 'total', value: 1 },
    priced_operations_by_pricing: byLabels(['pricing'], [[['exact'], pricedCount]]),
  };
}
