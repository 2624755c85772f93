import { describe, expect, it } from 'vitest';
import type { SpendReport, SpendRow, SpendTotals } from '../types.js';
import { formatCsv, formatJson, formatTable } from './format-report.js';

function totals(fields: Partial<SpendTotals>): SpendTotals {
  return {
    operations: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    costQuanta: 0n,
    costUsd: '0.000000000000',
    unpricedOperations: 0,
    usageMissingOperations: 0,
    partialOperations: 0,
    partialCostQuanta: 0n,
    staleOperations: 0,
    staleCostQuanta: 0n,
    baselineCostQuanta: 0n,
    baselineCostUsd: '0.000000000000',
    baselineUnpricedOperations: 0,
    ...fields,
  };
}

const ROWS: SpendRow[] = [
  {
    key: 'u-2, "the bot"',
    ...totals({
      operations: 2,
      inputTokens: 1100,
      cachedInputTokens: 500,
      outputTokens: 110,
      reasoningTokens: 40,
      costQuanta: 621_000_000_000_000n,
      costUsd: '0.000172500000',
      unpricedOperations: 1,
      baselineCostQuanta: 10_350_000_000_000_000n,
      baselineCostUsd: '0.002875000000',
    }),
  },
  {
    key: null,
    ...totals({ operations: 1 }),
  },
];

const REPORT: SpendReport = {
  by: 'user',
  from: new Date('2026-11-01T00:00:00Z'),
  to: new Date('2026-12-01T00:00:00Z'),
  baselineModel: null,
  rows: ROWS,
  groups: 3,
  total: totals({
    operations: 5,
    inputTokens: 1300,
    cachedInputTokens: 500,
    outputTokens: 130,
    reasoningTokens: 40,
    costQuanta: 696_600_000_000_000n,
    costUsd: '0.000193500000',
    unpricedOperations: 1,
    baselineCostQuanta: 12_870_000_000_000_000n,
    baselineCostUsd: '0.003575000000',
    baselineUnpricedOperations: 2,
  }),
};

describe('formatTable', () => {
  it('aligns the groups and the total, and says what the totals leave out', () => {
    expect(formatTable(REPORT)).toBe(
      [
        'Spend by user, 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z (top 2 of 3 users)',
        '',
        'user            operations  input tokens  output tokens   cost (USD)  unpriced  baseline (USD)',
        'u-2, "the bot"           2          1100            110  0.000172500         1     0.002875000',
        '(none)                   1             0              0  0.000000000         0     0.000000000',
        'total                    5          1300            130  0.000193500         1     0.003575000',
        '',
        'unpriced: 1 operation, cost unknown (not in the cost)',
        '',
        'Not in the baseline cost: 2 operations with no baseline price.',
        '',
      ].join('\n'),
    );
  });

  it('lists partial, stale, unpriced and usage-missing operations apart, and an all-unknown group as unknown, never $0', () => {
    const unknownOnly: SpendRow = {
      key: 'u-9',
      ...totals({
        operations: 3,
        inputTokens: 40,
        outputTokens: 5,
        unpricedOperations: 2,
        usageMissingOperations: 1,
      }),
    };
    const table = formatTable({
      ...REPORT,
      rows: [unknownOnly],
      groups: 1,
      total: totals({
        operations: 6,
        inputTokens: 40,
        outputTokens: 5,
        // 0.000300 partial + 0.000045 stale
        costQuanta: 1_242_000_000_000_000n,
        unpricedOperations: 2,
        usageMissingOperations: 1,
        partialOperations: 2,
        partialCostQuanta: 1_080_000_000_000_000n,
        staleOperations: 1,
        staleCostQuanta: 162_000_000_000_000n,
      }),
    });
    expect(table.split('\n').slice(2)).toEqual([
      'user   operations  input tokens  output tokens   cost (USD)  unpriced  baseline (USD)',
      'u-9             3            40              5      unknown         2     0.000000000',
      'total           6            40              5  0.000345000         2     0.000000000',
      '',
      'partial: 2 operations, 0.000300000 USD known (in the cost), the rest unknown',
      'stale: 1 operation, 0.000045000 USD at the last known price (in the cost)',
      'unpriced: 2 operations, cost unknown (not in the cost)',
      'usage missing: 1 operation, cost unknown (not in the cost)',
      '',
    ]);
  });

  it('names the baseline model it re-priced on', () => {
    const table = formatTable({ ...REPORT, baselineModel: 'gpt-4.1-mini', groups: 2 });
    expect(table.split('\n').slice(0, 3)).toEqual([
      'Spend by user, 2026-11-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z (2 users)',
      '',
      'user            operations  input tokens  output tokens   cost (USD)  unpriced  gpt-4.1-mini (USD)',
    ]);
  });
});

describe('formatCsv', () => {
  it('writes RFC 4180 rows with the exact 12-decimal amounts and no total line', () => {
    expect(formatCsv({ ...REPORT, baselineModel: 'gpt-4o' })).toBe(
      [
        'user,operations,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost_usd,unpriced_operations,usage_missing_operations,partial_operations,partial_cost_usd,stale_operations,stale_cost_usd,baseline_model,baseline_cost_usd,baseline_unpriced_operations',
        '"u-2, ""the bot""",2,1100,500,110,40,0.000172500000,1,0,0,0.000000000000,0,0.000000000000,gpt-4o,0.002875000000,0',
        ',1,0,0,0,0,0.000000000000,0,0,0,0.000000000000,0,0.000000000000,gpt-4o,0.000000000000,0',
        '',
      ].join('\n'),
    );
  });
});

describe('formatJson', () => {
  it('writes quanta as decimal strings and times in ISO-8601', () => {
    const parsed = JSON.parse(formatJson(REPORT));
    expect(parsed.from).toBe('2026-11-01T00:00:00.000Z');
    expect(parsed.rows[0]).toEqual({
      key: 'u-2, "the bot"',
      operations: 2,
      inputTokens: 1100,
      cachedInputTokens: 500,
      outputTokens: 110,
      reasoningTokens: 40,
      costQuanta: '621000000000000',
      costUsd: '0.000172500000',
      unpricedOperations: 1,
      usageMissingOperations: 0,
      partialOperations: 0,
      partialCostQuanta: '0',
      staleOperations: 0,
      staleCostQuanta: '0',
      baselineCostQuanta: '10350000000000000',
      baselineCostUsd: '0.002875000000',
      baselineUnpricedOperations: 0,
    });
    expect(parsed.total.baselineCostQuanta).toBe('12870000000000000');
  });
});
