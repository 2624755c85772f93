import { formatUsd } from '@groqmeter/pricing';
import type { SpendDimension, SpendReport, SpendRow, SpendTotals } from '../types.js';

/** Decimals of amounts in the table (CSV and JSON keep the ledger's 12). */
const TABLE_USD_DECIMALS = 9;
const NO_KEY = '(none)';

const DIMENSION_PLURALS: Record<SpendDimension, string> = {
  user: 'users',
  feature: 'features',
  platform: 'platforms',
  tenant: 'tenants',
  model: 'models',
  operation: 'operations',
  day: 'days',
};

function operations(count: number): string {
  return count === 1 ? '1 operation' : `${count} operations`;
}

function baselineLabel(report: SpendReport): string {
  return report.baselineModel === null ? 'baseline' : report.baselineModel;
}

function tableCells(key: string, totals: SpendTotals): string[] {
  return [
    key,
    String(totals.operations),
    String(totals.inputTokens),
    String(totals.outputTokens),
    formatUsd(totals.costQuanta, TABLE_USD_DECIMALS),
    String(totals.unpricedOperations),
    formatUsd(totals.baselineCostQuanta, TABLE_USD_DECIMALS),
  ];
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
  if (report.total.unpricedOperations > 0) {
    lines.push('', `Not in the cost: ${operations(report.total.unpricedOperations)} with no known price.`);
  }
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
