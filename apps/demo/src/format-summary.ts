import type { BudgetUse } from './budget-use.js';
import type { MetricsSummary, PricingCompleteness, Share } from './metrics-summary.js';

const HEADING_WIDTH = 14;
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Formats US dollars with micro-dollar precision (`$0.001234`): demo bills are small. */
export function formatUsd(usd: number): string {
  return `$${usd.toFixed(6)}`;
}

/** Formats a headroom ratio as a percentage with one decimal (`12.5%`). */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** `1 error`, `3 errors`: a count with its noun. */
function counted(count: number, noun: string): string {
  return `${integer.format(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** Formats seconds with millisecond precision (`1.234 s`). */
export function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(3)} s`;
}

/**
 * How much of the spend above is exact: the share of operations priced exactly, and the counts
 * that make the spend an under-estimate (never shown as $0: their cost is unknown or partial).
 */
export function formatPricing(pricing: PricingCompleteness): string {
  if (pricing.operations === 0) return 'no operations with billable usage reported';
  const share = formatPercent(pricing.exact / pricing.operations);
  return (
    `${share} of ${counted(pricing.operations, 'operation')} exact ` +
    `(${integer.format(pricing.partial)} partial, ${integer.format(pricing.stale)} stale, ` +
    `${integer.format(pricing.unpriced)} unpriced, ${integer.format(pricing.usageMissing)} usage missing)`
  );
}

/**
 * Renders the summary as the plain-text table the demo prints when it stops. `source` names where
 * the numbers came from (the exporter's `/metrics` URL).
 */
export function formatSummary(summary: MetricsSummary, source: string): string {
  const keyWidth = Math.max(
    ...[
      { key: 'total' },
      { key: 'priced' },
      { key: 'all operations' },
      ...summary.spendByService,
      ...summary.spendByProvider,
      ...summary.spendByModel,
      ...summary.spendByFeature,
      ...summary.requestsByService.map((entry) => ({ key: entry.service })),
      ...summary.headroom.map((entry) => ({ key: `${entry.model} ${entry.resource}` })),
      ...summary.latencyByModel.map((entry) => ({ key: entry.model })),
      ...summary.budgets.map((entry) => ({ key: entry.budget })),
    ].map((entry) => entry.key.length),
  );
  const row = (heading: string, key: string, value: string) =>
    `${heading.padEnd(HEADING_WIDTH)}${key.padEnd(keyWidth)}  ${value}`.trimEnd();
  const rows = (heading: string, lines: Array<[string, string]>) =>
    lines.length === 0
      ? [row(heading, 'none recorded', '')]
      : lines.map(([key, value], index) => row(index === 0 ? heading : '', key, value));
  const money = (shares: Share[]): Array<[string, string]> =>
    shares.map((share) => [share.key, formatUsd(share.value)]);

  return [
    `groqmeter demo summary (from ${source})`,
    row('Spend', 'total', formatUsd(summary.totalSpendUsd)),
    row('', 'priced', formatPricing(summary.pricing)),
    ...rows('  by service', money(summary.spendByService)),
    ...rows('  by provider', money(summary.spendByProvider)),
    ...rows('  by model', money(summary.spendByModel)),
    ...rows('  by feature', money(summary.spendByFeature)),
    ...rows(
      'Tokens',
      summary.tokensByType.map((share) => [share.key, integer.format(share.value)]),
    ),
    ...rows(
      'Requests',
      summary.requestsByService.map((entry) => [
        entry.service,
        `${integer.format(entry.requests)} (${counted(entry.errors, 'error')}, ${integer.format(entry.rateLimited)} rate-limited)`,
      ]),
    ),
    ...rows(
      'Headroom',
      summary.headroom.map((entry, index) => [
        `${entry.model} ${entry.resource}`,
        `${formatPercent(entry.ratio)} left (${integer.format(entry.remaining)} of ${integer.format(entry.limit)})${index === 0 ? '  <- lowest' : ''}`,
      ]),
    ),
    row(
      'Latency p95',
      'all operations',
      summary.p95Seconds === undefined ? 'no data' : formatSeconds(summary.p95Seconds),
    ),
    ...summary.latencyByModel.map((entry) =>
      row('', entry.model, `${formatSeconds(entry.p95Seconds)} (${counted(entry.operations, 'operation')})`),
    ),
    ...rows(
      'Budgets',
      summary.budgets.map((entry) => [entry.budget, formatBudgetUse(entry)]),
    ),
  ].join('\n');
}

/**
 * `$0.001380 of $0.002000 per day (69.0%) on feature=support-chat, warning: 50% crossed`;
 * `EXCEEDED` over the budget, and `enforced` when the groqmeter proxy refuses the scope's requests
 * over it.
 */
export function formatBudgetUse(entry: BudgetUse): string {
  const notes = [
    ...(entry.used >= 1
      ? ['EXCEEDED']
      : entry.warningsCrossed.length > 0
        ? [`warning: ${entry.warningsCrossed.map((threshold) => `${threshold * 100}%`).join(', ')} crossed`]
        : []),
    ...(entry.enforced ? ['enforced'] : []),
  ];
  return [
    `${formatUsd(entry.spentUsd)} of ${formatUsd(entry.usd)} per ${entry.period} (${formatPercent(entry.used)}) on ${entry.scope}`,
    ...notes,
  ].join(', ');
}
