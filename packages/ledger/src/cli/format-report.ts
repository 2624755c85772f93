import { formatUsd } from '@groqmeter/pricing';
import { SPAN_USD_DECIMALS } from '../exact-cost.js';
import type { SpendDimension, SpendReport, SpendRow, SpendTotals } from '../types.js';

/** Decimals of amounts in the table (CSV and JSON keep the ledger's 12). */
const TABLE_USD_DECIMALS = 9;
const NO_KEY = '(none)';

const DIMENSION_PLURALS: Record<SpendDimension, string> = {
  user: 'users',
  feature: 'features',
  platform: 'platforms',
  tenant: 'tenants',
  function_name: 'function names',
  provider: 'providers',
  model: 'models',
  operation: 'operations',
  operation_type: 'operation types',
  day: 'days',
};

function operations(count: number): string {
  return count === 1 ? '1 operation' : `${count} operations`;
}

function baselineLabel(report: SpendReport): string {
  return report.baselineModel === null ? 'baseline' : report.baselineModel;
}

/** The cost of a group, or `unknown` when none of its operations could be priced: never a $0 for unknown spend. */
function costCell(totals: SpendTotals): string {
  const unknown = totals.unpricedOperations + totals.usageMissingOperations;
  if (unknown > 0 && totals.costQuanta === 0n && totals.partialOperations + totals.staleOperations === 0) {
    return 'unknown';
  }
  return formatUsd(totals.costQuanta, TABLE_USD_DECIMALS);
}

function tableCells(key: string, totals: SpendTotals): string[] {
  return [
    key,
    String(totals.operations),
    String(totals.inputTokens),
    String(totals.outputTokens),
    costCell(totals),
    String(totals.unpricedOperations),
    formatUsd(totals.baselineCostQuanta, TABLE_USD_DECIMALS),
  ];
}

/**
 * The operations whose cost is not exact, each kind apart: partial and stale ones with the cost
 * they contribute, unpriced and usage-missing ones as "cost unknown" (never as $0).
 */
function pricingLines(total: SpendTotals): string[] {
  const lines: string[] = [];
  if (total.partialOperations > 0) {
    lines.push(
      `partial: ${operations(total.partialOperations)}, ${formatUsd(total.partialCostQuanta, TABLE_USD_DECIMALS)} USD known (in the cost), the rest unknown`,
    );
  }
  if (total.staleOperations > 0) {
    lines.push(
      `stale: ${operations(total.staleOperations)}, ${formatUsd(total.staleCostQuanta, TABLE_USD_DECIMALS)} USD at the last known price (in the cost)`,
    );
  }
  if (total.unpricedOperations > 0) {
    lines.push(`unpriced: ${operations(total.unpricedOperations)}, cost unknown (not in the cost)`);
  }
  if (total.usageMissingOperations > 0) {
    lines.push(`usage missing: ${operations(total.usageMissingOperations)}, cost unknown (not in the cost)`);
  }
  return lines.length > 0 ? ['', ...lines] : lines;
}

/** A plain-text table: the groups, then the total over every group. */
export function formatTable(report: SpendReport): string {
  const header = [
    report.by,
    'operations',
    'input tokens',
    'output tokens',
    'cost (USD)',
    'unpriced',
    `${baselineLabel(report)} (USD)`,
  ];
  const rows = report.rows.map((row) => tableCells(row.key ?? NO_KEY, row));
  const total = tableCells('total', report.total);
  const widths = header.map((title, column) =>
    Math.max(title.length, total[column]!.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const shown =
    report.rows.length < report.groups
      ? `top ${report.rows.length} of ${report.groups} ${DIMENSION_PLURALS[report.by]}`
      : `${report.groups} ${DIMENSION_PLURALS[report.by]}`;
  const lines = [
    `Spend by ${report.by}, ${report.from.toISOString()} to ${report.to.toISOString()} (${shown})`,
    '',
    line(header),
    ...rows.map(line),
    line(total),
  ];
  lines.push(...pricingLines(report.total));
  if (report.total.baselineUnpricedOperations > 0) {
    const baseline = baselineLabel(report);
    lines.push(
      '',
      `Not in the ${baseline} cost: ${operations(report.total.baselineUnpricedOperations)} with no ${baseline} price.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One field of RFC 4180 CSV. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** CSV with a header line, one line per group (no total line, so that sums in a spreadsheet stay right). */
export function formatCsv(report: SpendReport): string {
  const header = [
    report.by,
    'operations',
    'input_tokens',
    'cached_input_tokens',
    'output_tokens',
    'reasoning_tokens',
    'cost_usd',
    'unpriced_operations',
    'usage_missing_operations',
    'partial_operations',
    'partial_cost_usd',
    'stale_operations',
    'stale_cost_usd',
    'baseline_model',
    'baseline_cost_usd',
    'baseline_unpriced_operations',
  ];
  const line = (row: SpendRow): string =>
    [
      row.key ?? '',
      String(row.operations),
      String(row.inputTokens),
      String(row.cachedInputTokens),
      String(row.outputTokens),
      String(row.reasoningTokens),
      row.costUsd,
      String(row.unpricedOperations),
      String(row.usageMissingOperations),
      String(row.partialOperations),
      formatUsd(row.partialCostQuanta, SPAN_USD_DECIMALS),
      String(row.staleOperations),
      formatUsd(row.staleCostQuanta, SPAN_USD_DECIMALS),
      report.baselineModel ?? '',
      row.baselineCostUsd,
      String(row.baselineUnpricedOperations),
    ]
      .map(csvField)
      .join(',');
  return `${[header.join(','), ...report.rows.map(line)].join('\n')}\n`;
}

/** The report as JSON: times in ISO-8601, quanta as decimal strings (they exceed 2^53). */
export function formatJson(report: SpendReport): string {
  return `${JSON.stringify(
    report,
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    2,
  )}\n`;
}
