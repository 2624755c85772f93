import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresTarget, sqliteTarget } from '../test/ledger-targets.js';
import { NOVEMBER, NOVEMBER_WORKLOAD } from '../test/november-workload.js';
import { LedgerQueryError } from './errors.js';
import { openLedger } from './ledger.js';
import type { Ledger, SpendQuery } from './types.js';

describe.each([sqliteTarget, postgresTarget])('spendBy', (makeTarget) => {
  const target = makeTarget();
  let ledger: Ledger;

  beforeAll(async () => {
    ledger = await openLedger({ db: await target.newDatabase() });
    for (const row of NOVEMBER_WORKLOAD) ledger.record(row);
    await ledger.flush();
  });
  afterAll(async () => {
    await ledger.close();
    await target.cleanup();
  });

  it(`${target.name}: by user, most expensive first, unpriced and unattributed operations counted`, async () => {
    const report = await ledger.spendBy({ by: 'user', ...NOVEMBER });
    expect(report.rows.map((row) => [row.key, row.operations, row.costUsd, row.unpricedOperations])).toEqual([
      ['u-3', 1, '0.000925000000', 0],
      ['u-2', 2, '0.000172500000', 1],
      ['u-1', 2, '0.000021000000', 0],
      [null, 1, '0.000000000000', 0],
    ]);
    expect(report.total).toEqual({
      operations: 6,
      inputTokens: 1300,
      cachedInputTokens: 500,
      outputTokens: 130,
      reasoningTokens: 40,
      costQuanta: 4_026_600_000_000_000n,
      costUsd: '0.001118500000',
      unpricedOperations: 1,
      usageMissingOperations: 0,
      partialOperations: 0,
      partialCostQuanta: 0n,
      staleOperations: 0,
      staleCostQuanta: 0n,
      baselineCostQuanta: 23_670_000_000_000_000n,
      baselineCostUsd: '0.006575000000',
      baselineUnpricedOperations: 0,
    });
    expect([report.by, report.groups, report.baselineModel]).toEqual(['user', 4, null]);
  });

  it(`${target.name}: by UTC day, in day order, top 2 by cost`, async () => {
    const report = await ledger.spendBy({ by: 'day', ...NOVEMBER, top: 2 });
    expect(report.rows.map((row) => [row.key, row.operations, row.costQuanta])).toEqual([
      ['2026-11-03', 2, 621_000_000_000_000n],
      ['2026-11-05', 1, 3_330_000_000_000_000n],
    ]);
    expect(report.groups).toBe(4);
  });

  it(`${target.name}: by model and by operation`, async () => {
    const byModel = await ledger.spendBy({ by: 'model', ...NOVEMBER });
    expect(byModel.rows.map((row) => [row.key, row.operations])).toEqual([
      ['whisper-large-v3', 1],
      ['openai/gpt-oss-120b', 1],
      ['openai/gpt-oss-20b', 3],
      ['acme/private-model', 1],
    ]);
    const byOperation = await ledger.spendBy({ by: 'operation', ...NOVEMBER });
    expect(byOperation.rows.map((row) => [row.key, row.costQuanta])).toEqual([
      ['transcription', 3_330_000_000_000_000n],
      ['chat', 696_600_000_000_000n],
    ]);
  });

  it(`${target.name}: re-prices every priced operation on another baseline model`, async () => {
    const report = await ledger.spendBy({ by: 'feature', ...NOVEMBER, baselineModel: 'gpt-4.1-mini' });
    expect(
      report.rows.map((row) => [row.key, row.baselineCostQuanta, row.baselineUnpricedOperations]),
    ).toEqual([
      // gpt-4.1-mini has no audio price: the transcription stays out of the baseline, counted.
      ['voice', 0n, 1],
      // 500 × 1 440e9 + 500 × 360e9 + 100 × 5 760e9
      ['chat', 1_476_000_000_000_000n, 0],
      // 2 × (100 × 1 440e9 + 10 × 5 760e9)
      ['search', 403_200_000_000_000n, 0],
      [null, 0n, 0],
    ]);
    const voice = await ledger.spendBy({ by: 'feature', ...NOVEMBER, baselineModel: 'whisper-1' });
    expect(voice.rows.find((row) => row.key === 'voice')?.baselineCostUsd).toBe('0.003000000000');
  });

  it.each<[Partial<SpendQuery>, string]>([
    [
      { from: NOVEMBER.to, to: NOVEMBER.from },
      'the time range is empty: "from" (2026-12-01T00:00:00.000Z) must be before "to" (2026-11-01T00:00:00.000Z, exclusive)',
    ],
    [{ top: 0 }, '"top" must be a whole number of at least 1, got 0'],
    [
      { by: 'country' as SpendQuery['by'] },
      'cannot group spend by "country"; expected one of user, feature, platform, tenant, function_name, provider, model, operation, operation_type, day',
    ],
    [
      { baselineModel: 'gpt-9' },
      'unknown baseline model "gpt-9": it is not in the price catalogue; use a catalogue id such as gpt-4o or gpt-4.1-mini, or add the model to your price book',
    ],
  ])(`${target.name}: refuses %j`, async (override, message) => {
    await expect(ledger.spendBy({ by: 'user', ...NOVEMBER, ...override })).rejects.toThrow(
      new LedgerQueryError(message),
    );
  });

  it(`${target.name}: lists the operations of a range, oldest first, as written`, async () => {
    const operations = await ledger.operations({ ...NOVEMBER, limit: 2 });
    expect(operations).toEqual(NOVEMBER_WORKLOAD.slice(0, 2));
    expect(await ledger.operations({ from: new Date('2026-10-01T00:00:00Z'), to: NOVEMBER.from })).toEqual([
      NOVEMBER_WORKLOAD[6],
    ]);
  });
});
