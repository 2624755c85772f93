import {
  type BaselineOperation,
  formatUsd,
  type Money,
  type PriceBook,
  type Usage,
} from '@groqmeter/pricing';
import { LedgerQueryError } from './errors.js';
import { SPAN_USD_DECIMALS } from './exact-cost.js';
import type { LedgerStore, SqlDialect } from './store/ledger-store.js';
import { LEDGER_TABLE } from './store/schema.js';
import type { SpendDimension, SpendQuery, SpendReport, SpendRow, SpendTotals } from './types.js';

/** The SQL expression each dimension groups by. */
const DIMENSIONS: Record<SpendDimension, (sql: SqlDialect) => string> = {
  user: () => 'user_id',
  feature: () => 'feature',
  platform: () => 'platform',
  tenant: () => 'tenant',
  function_name: () => 'function_name',
  provider: () => 'provider',
  model: () => 'COALESCE(request_model, response_model)',
  operation: () => 'operation',
  operation_type: () => 'operation_type',
  day: (sql) => sql.day('start_time'),
};

/** Every dimension {@link SpendQuery.by} accepts. */
export const SPEND_DIMENSIONS = Object.keys(DIMENSIONS) as SpendDimension[];

const BASELINE_OPERATIONS: ReadonlySet<string> = new Set<BaselineOperation>([
  'chat',
  'transcription',
  'translation',
  'speech',
]);

interface GroupSums {
  key: string | null;
  operations: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  costQuanta: Money;
  unpricedOperations: number;
  usageMissingOperations: number;
  partialOperations: number;
  partialCostQuanta: Money;
  staleOperations: number;
  staleCostQuanta: Money;
  baselineCostQuanta: Money;
  baselineUnpricedOperations: number;
}

function validate(query: SpendQuery, priceBook: PriceBook): void {
  if (!SPEND_DIMENSIONS.includes(query.by)) {
    throw new LedgerQueryError(
      `cannot group spend by "${String(query.by)}"; expected one of ${SPEND_DIMENSIONS.join(', ')}`,
    );
  }
  for (const [name, value] of [
    ['from', query.from],
    ['to', query.to],
  ] as const) {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
      throw new LedgerQueryError(`"${name}" must be a valid Date`);
    }
  }
  if (query.from.getTime() >= query.to.getTime()) {
    throw new LedgerQueryError(
      `the time range is empty: "from" (${query.from.toISOString()}) must be before "to" (${query.to.toISOString()}, exclusive)`,
    );
  }
  if (query.top !== undefined && (!Number.isSafeInteger(query.top) || query.top < 1)) {
    throw new LedgerQueryError(`"top" must be a whole number of at least 1, got ${query.top}`);
  }
  if (query.baselineModel !== undefined && priceBook.resolve(query.baselineModel) === undefined) {
    throw new LedgerQueryError(
      `unknown baseline model "${query.baselineModel}": it is not in the price catalogue; use a catalogue id such as gpt-4o or gpt-4.1-mini, or add the model to your price book`,
    );
  }
}

function keyOf(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function groupKey(key: string | null): string {
  return key === null ? '\u0000null' : `=${key}`;
}

async function recordedSums(store: LedgerStore, key: string, range: unknown[]): Promise<GroupSums[]> {
  const { sql } = store;
  const rows = await store.query(
    `SELECT ${key} AS group_key,
       COUNT(*) AS operations,
       COALESCE(SUM(input_tokens), 0) AS input_tokens,
       COALESCE(SUM(cached_input_tokens), 0) AS cached_input_tokens,
       COALESCE(SUM(output_tokens), 0) AS output_tokens,
       COALESCE(SUM(reasoning_tokens), 0) AS reasoning_tokens,
       ${sql.sumQuanta('cost_quanta')} AS cost_quanta,
       SUM(CASE WHEN pricing = 'unpriced' THEN 1 ELSE 0 END) AS unpriced_operations,
       SUM(CASE WHEN pricing = 'usage_missing' THEN 1 ELSE 0 END) AS usage_missing_operations,
       SUM(CASE WHEN pricing = 'partial' THEN 1 ELSE 0 END) AS partial_operations,
       ${sql.sumQuanta("CASE WHEN pricing = 'partial' THEN cost_quanta END")} AS partial_cost_quanta,
       SUM(CASE WHEN pricing = 'stale' THEN 1 ELSE 0 END) AS stale_operations,
       ${sql.sumQuanta("CASE WHEN pricing = 'stale' THEN cost_quanta END")} AS stale_cost_quanta,
       ${sql.sumQuanta('baseline_cost_quanta')} AS baseline_cost_quanta,
       SUM(CASE WHEN cost_known = TRUE AND baseline_cost_quanta IS NULL AND provider = 'groq' THEN 1 ELSE 0 END) AS baseline_unpriced_operations
     FROM ${LEDGER_TABLE}
     WHERE start_time >= ${sql.param(1)} AND start_time < ${sql.param(2)}
     GROUP BY 1`,
    range,
  );
  return rows.map((row) => ({
    key: keyOf(row.group_key),
    operations: Number(row.operations),
    inputTokens: Number(row.input_tokens),
    cachedInputTokens: Number(row.cached_input_tokens),
    outputTokens: Number(row.output_tokens),
    reasoningTokens: Number(row.reasoning_tokens),
    costQuanta: BigInt(row.cost_quanta as string),
    unpricedOperations: Number(row.unpriced_operations),
    usageMissingOperations: Number(row.usage_missing_operations),
    partialOperations: Number(row.partial_operations),
    partialCostQuanta: BigInt(row.partial_cost_quanta as string),
    staleOperations: Number(row.stale_operations),
    staleCostQuanta: BigInt(row.stale_cost_quanta as string),
    baselineCostQuanta: BigInt(row.baseline_cost_quanta as string),
    baselineUnpricedOperations: Number(row.baseline_unpriced_operations),
  }));
}

/**
 * The baseline of every group re-priced on `model`, from the usage of its priced Groq operations
 * (what OpenAI served already cost OpenAI prices: it has no baseline).
 * Token and character prices are linear, so each (group, operation) is priced once on its sums;
 * audio has a per-request minimum on some models, so it is priced per request length.
 */
async function repricedBaselines(
  store: LedgerStore,
  key: string,
  range: unknown[],
  priceBook: PriceBook,
  model: string,
): Promise<Map<string, { quanta: Money; unpriced: number }>> {
  const { sql } = store;
  const rows = await store.query(
    `SELECT ${key} AS group_key, operation, audio_seconds,
       COUNT(*) AS operations,
       COALESCE(SUM(input_tokens), 0) AS input_tokens,
       COALESCE(SUM(cached_input_tokens), 0) AS cached_input_tokens,
       COALESCE(SUM(output_tokens), 0) AS output_tokens,
       COALESCE(SUM(reasoning_tokens), 0) AS reasoning_tokens,
       COALESCE(SUM(characters), 0) AS characters
     FROM ${LEDGER_TABLE}
     WHERE start_time >= ${sql.param(1)} AND start_time < ${sql.param(2)} AND cost_known = TRUE
       AND provider = 'groq'
     GROUP BY 1, 2, 3`,
    range,
  );
  const baselines = new Map<string, { quanta: Money; unpriced: number }>();
  for (const row of rows) {
    const group = groupKey(keyOf(row.group_key));
    const baseline = baselines.get(group) ?? { quanta: 0n, unpriced: 0 };
    baselines.set(group, baseline);
    const operations = Number(row.operations);
    const operation = String(row.operation);
    const audioSeconds = row.audio_seconds === null ? undefined : Number(row.audio_seconds);
    const audio = operation === 'transcription' || operation === 'translation';
    if (!BASELINE_OPERATIONS.has(operation) || (audio && audioSeconds === undefined)) {
      baseline.unpriced += operations;
      continue;
    }
    const usage: Usage =
      audioSeconds !== undefined
        ? { audioSeconds }
        : {
            inputTokens: Number(row.input_tokens),
            cachedInputTokens: Number(row.cached_input_tokens),
            outputTokens: Number(row.output_tokens),
            reasoningTokens: Number(row.reasoning_tokens),
            characters: Number(row.characters),
          };
    const price = priceBook.priceBaseline(operation as BaselineOperation, usage, model);
    if (!price.known) {
      baseline.unpriced += operations;
      continue;
    }
    baseline.quanta += audioSeconds !== undefined ? price.total * BigInt(operations) : price.total;
  }
  return baselines;
}

function totalsOf(groups: readonly GroupSums[]): SpendTotals {
  const sums = groups.reduce(
    (total, group) => ({
      key: null,
      operations: total.operations + group.operations,
      inputTokens: total.inputTokens + group.inputTokens,
      cachedInputTokens: total.cachedInputTokens + group.cachedInputTokens,
      outputTokens: total.outputTokens + group.outputTokens,
      reasoningTokens: total.reasoningTokens + group.reasoningTokens,
      costQuanta: total.costQuanta + group.costQuanta,
      unpricedOperations: total.unpricedOperations + group.unpricedOperations,
      usageMissingOperations: total.usageMissingOperations + group.usageMissingOperations,
      partialOperations: total.partialOperations + group.partialOperations,
      partialCostQuanta: total.partialCostQuanta + group.partialCostQuanta,
      staleOperations: total.staleOperations + group.staleOperations,
      staleCostQuanta: total.staleCostQuanta + group.staleCostQuanta,
      baselineCostQuanta: total.baselineCostQuanta + group.baselineCostQuanta,
      baselineUnpricedOperations: total.baselineUnpricedOperations + group.baselineUnpricedOperations,
    }),
    {
      key: null,
      operations: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      costQuanta: 0n,
      unpricedOperations: 0,
      usageMissingOperations: 0,
      partialOperations: 0,
      partialCostQuanta: 0n,
      staleOperations: 0,
      staleCostQuanta: 0n,
      baselineCostQuanta: 0n,
      baselineUnpricedOperations: 0,
    } satisfies GroupSums,
  );
  const { key: _key, ...totals } = withUsd(sums);
  return totals;
}

/** A group with its USD amounts, each next to its quanta. */
function withUsd(group: GroupSums): SpendRow {
  return {
    key: group.key,
    operations: group.operations,
    inputTokens: group.inputTokens,
    cachedInputTokens: group.cachedInputTokens,
    outputTokens: group.outputTokens,
    reasoningTokens: group.reasoningTokens,
    costQuanta: group.costQuanta,
    costUsd: formatUsd(group.costQuanta, SPAN_USD_DECIMALS),
    unpricedOperations: group.unpricedOperations,
    usageMissingOperations: group.usageMissingOperations,
    partialOperations: group.partialOperations,
    partialCostQuanta: group.partialCostQuanta,
    staleOperations: group.staleOperations,
    staleCostQuanta: group.staleCostQuanta,
    baselineCostQuanta: group.baselineCostQuanta,
    baselineCostUsd: formatUsd(group.baselineCostQuanta, SPAN_USD_DECIMALS),
    baselineUnpricedOperations: group.baselineUnpricedOperations,
  };
}

function byCostThenKey(a: GroupSums, b: GroupSums): number {
  if (a.costQuanta !== b.costQuanta) return a.costQuanta > b.costQuanta ? -1 : 1;
  if (a.key === b.key) return 0;
  if (a.key === null) return 1;
  if (b.key === null) return -1;
  return a.key < b.key ? -1 : 1;
}

/**
 * Spend in `[from, to)` grouped by one dimension, with exact sums (in quanta) and the baseline
 * cost, either as recorded with each operation or re-priced on `baselineModel`.
 *
 * @throws {LedgerQueryError} for an empty range, a bad `top` or an unknown baseline model.
 */
export async function querySpend(
  store: LedgerStore,
  query: SpendQuery,
  priceBook: PriceBook,
): Promise<SpendReport> {
  validate(query, priceBook);
  const key = DIMENSIONS[query.by](store.sql);
  const range = [query.from.toISOString(), query.to.toISOString()];
  const groups = await recordedSums(store, key, range);
  if (query.baselineModel !== undefined) {
    const baselines = await repricedBaselines(store, key, range, priceBook, query.baselineModel);
    for (const group of groups) {
      const baseline = baselines.get(groupKey(group.key));
      group.baselineCostQuanta = baseline?.quanta ?? 0n;
      group.baselineUnpricedOperations = baseline?.unpriced ?? 0;
    }
  }
  const shown = [...groups].sort(byCostThenKey).slice(0, query.top ?? groups.length);
  if (query.by === 'day') shown.sort((a, b) => String(a.key).localeCompare(String(b.key)));
  return {
    by: query.by,
    from: query.from,
    to: query.to,
    baselineModel: query.baselineModel ?? null,
    rows: shown.map(withUsd),
    groups: groups.length,
    total: totalsOf(groups),
  };
}
