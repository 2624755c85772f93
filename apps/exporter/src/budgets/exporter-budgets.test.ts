import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { samplesOf, scrape } from '../../test/exposition.js';
import { jsonCounter, jsonRequest, postJson } from '../../test/otlp-json.js';
import { type RunningExporter, startExporter } from '../start-exporter.js';

const BUDGETS = `timezone: UTC
budgets:
  - name: support-monthly
    scope: { feature: support-chat }
    period: month
    usd: 25
    warn: [0.5, 0.8]
  - name: all-daily
    scope: {}
    period: day
    usd: 2
    enforce: true
`;

/** Tuesday 10 February 2026, 15:30 UTC. */
const NOW = Date.parse('2026-02-10T15:30:00Z');

let exporter: RunningExporter | undefined;
afterEach(async () => {
  await exporter?.close();
  exporter = undefined;
});

function budgetsFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'exporter-budgets-')), 'budgets.yaml');
  writeFileSync(path, text);
  return path;
}

/** Nanoseconds since the epoch, as OTLP/JSON writes them. */
const nanos = (ms: number) => String(BigInt(ms) * 1_000_000n);

/**
 * Spend of the support chat and the search feature, as an app's cumulative counters counting
 * since `startMs` (by default the test's NOW: an app started with the exporter), read `ageMs` later.
 */
function costPush(support: number, search: number, startMs = NOW, ageMs = 1000) {
  const run = { start: nanos(startMs), time: nanos(startMs + ageMs) };
  return jsonRequest({ 'service.name': 'shop' }, [
    jsonCounter('groq.cost.usd', [
      {
        ...run,
        labels: {
          model: 'openai/gpt-oss-20b',
          operation: 'chat',
          component: 'output',
          feature: 'support-chat',
        },
        value: support,
      },
      {
        ...run,
        labels: { model: 'openai/gpt-oss-20b', operation: 'chat', component: 'output', feature: 'search' },
        value: search,
      },
    ]),
    jsonCounter('groq.priced.operations', [
      {
        ...run,
        labels: { model: 'openai/gpt-oss-20b', operation: 'chat', pricing: 'exact', feature: 'support-chat' },
        value: 3,
      },
      {
        ...run,
        labels: {
          model: 'whisper-x',
          operation: 'transcription',
          pricing: 'unpriced',
          feature: 'support-chat',
        },
        value: 1,
      },
    ]),
  ]);
}

/** `groqmeter_budget_operations_total` of {@link BUDGETS} after {@link costPush}: 3 exact and 1 unpriced in both. */
const BUDGETS_OPERATIONS = [
  { labels: { budget: 'support-monthly', pricing: 'exact' }, value: 3 },
  { labels: { budget: 'support-monthly', pricing: 'unpriced' }, value: 1 },
  { labels: { budget: 'all-daily', pricing: 'exact' }, value: 3 },
  { labels: { budget: 'all-daily', pricing: 'unpriced' }, value: 1 },
];

async function budgetSamples(name: string) {
  if (!exporter) throw new Error('no exporter');
  const { samples } = await scrape(exporter.metricsUrl);
  return samplesOf(samples, name).map(({ labels, value }) => ({ labels, value }));
}

async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('budgets on the exporter', () => {
  it('serves each budget of the file and the --budget shorthand with the spend of its period in scope', async () => {
    exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      logLevel: 'silent',
      clock: () => NOW,
      budgetsFile: budgetsFile(BUDGETS),
      budgets: [{ scope: 'feature=search', period: 'week', usd: 10 }],
    });
    await postJson(exporter.otlpUrl, costPush(1.25, 0.5));
    await scrape(exporter.metricsUrl);
    await postJson(exporter.otlpUrl, costPush(3.5, 0.75));

    expect(await budgetSamples('groqmeter_budget_usd')).toEqual([
      {
        labels: {
          budget: 'support-monthly',
          enforce: 'false',
          period: 'month',
          scope: 'feature=support-chat',
        },
        value: 25,
      },
      { labels: { budget: 'all-daily', enforce: 'true', period: 'day', scope: 'all' }, value: 2 },
      {
        labels: { budget: 'feature-search-week', enforce: 'false', period: 'week', scope: 'feature=search' },
        value: 10,
      },
    ]);
    expect(await budgetSamples('groqmeter_budget_spent_usd_total')).toEqual([
      { labels: { budget: 'support-monthly' }, value: 3.5 },
      { labels: { budget: 'all-daily' }, value: 4.25 },
      { labels: { budget: 'feature-search-week' }, value: 0.75 },
    ]);
    expect(await budgetSamples('groqmeter_budget_warn_ratio')).toEqual([
      { labels: { budget: 'support-monthly', threshold: '0.5' }, value: 0.5 },
      { labels: { budget: 'support-monthly', threshold: '0.8' }, value: 0.8 },
    ]);
    expect(await budgetSamples('groqmeter_budget_period_start_timestamp_seconds')).toEqual([
      { labels: { budget: 'support-monthly' }, value: Date.parse('2026-02-01T00:00:00Z') / 1000 },
      { labels: { budget: 'all-daily' }, value: Date.parse('2026-02-10T00:00:00Z') / 1000 },
      { labels: { budget: 'feature-search-week' }, value: Date.parse('2026-02-09T00:00:00Z') / 1000 },
    ]);
    expect(await budgetSamples('groqmeter_budget_period_end_timestamp_seconds')).toEqual([
      { labels: { budget: 'support-monthly' }, value: Date.parse('2026-03-01T00:00:00Z') / 1000 },
      { labels: { budget: 'all-daily' }, value: Date.parse('2026-02-11T00:00:00Z') / 1000 },
      { labels: { budget: 'feature-search-week' }, value: Date.parse('2026-02-16T00:00:00Z') / 1000 },
    ]);
    // An unpriced transcription is not $0: it is counted apart, so the spend is known to be a floor.
    expect(await budgetSamples('groqmeter_budget_operations_total')).toEqual(BUDGETS_OPERATIONS);
  });

  it('counts an app that outlives an exporter restart from the restart on, not its whole life', async () => {
    exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      logLevel: 'silent',
      clock: () => NOW,
      budgets: [
        { scope: 'feature=support-chat', period: 'month', usd: 25 },
        { scope: 'feature=search', period: 'month', usd: 25 },
      ],
    });
    // The support chat's app has run for 40 days, its first point read just before the restart:
    // its $100 were all counted before. The search app started 10 s before the exporter and first
    // pushes 50 s after: 10 of its 60 s, $1 of its $6, came before.
    await postJson(exporter.otlpUrl, costPush(100, 0, NOW - 40 * 86_400_000, 40 * 86_400_000 - 500));
    await postJson(exporter.otlpUrl, costPush(0, 6, NOW - 10_000, 60_000));
    await scrape(exporter.metricsUrl);
    await postJson(exporter.otlpUrl, costPush(100.5, 0, NOW - 40 * 86_400_000, 40 * 86_400_000 + 30_000));
    expect(await budgetSamples('groqmeter_budget_spent_usd_total')).toEqual([
      { labels: { budget: 'feature-support-chat-month' }, value: 0.5 },
      { labels: { budget: 'feature-search-month' }, value: 5 },
    ]);
    // The served counters are the apps' whole totals, as before.
    const { samples } = await scrape(exporter.metricsUrl);
    expect(samplesOf(samples, 'groq_cost_usd_total').map(({ value }) => value)).toEqual([100.5, 6]);
  });

  it('with --budgets-state, a restart takes up the periods where the last exporter left them', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'exporter-budgets-state-')), 'budgets-state.json');
    const options = {
      otlpPort: 0,
      metricsPort: 0,
      logLevel: 'silent',
      budgetsFile: budgetsFile(BUDGETS),
      budgetsState: state,
    } as const;
    exporter = await startExporter({ ...options, clock: () => NOW });
    await postJson(exporter.otlpUrl, costPush(1.25, 0.5));
    await scrape(exporter.metricsUrl);
    await exporter.close();
    // The same app run goes on; the new exporter starts two minutes later.
    exporter = await startExporter({ ...options, clock: () => NOW + 120_000 });
    await postJson(exporter.otlpUrl, costPush(2, 0.5, NOW, 130_000));
    expect(await budgetSamples('groqmeter_budget_spent_usd_total')).toEqual([
      { labels: { budget: 'support-monthly' }, value: 2 },
      { labels: { budget: 'all-daily' }, value: 2.5 },
    ]);
    expect(await budgetSamples('groqmeter_budget_operations_total')).toEqual(BUDGETS_OPERATIONS);
  });

  it('does not start with a budget state file it cannot read', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'exporter-budgets-state-')), 'budgets-state.json');
    writeFileSync(state, '{"metered":[]}');
    await expect(
      startExporter({ otlpPort: 0, metricsPort: 0, logLevel: 'silent', budgetsState: state }),
    ).rejects.toThrow(`${state} is not a groqmeter budget state file`);
  });

  it('reloads the file when it changes, and keeps the last good budgets when it cannot be used', async () => {
    const path = budgetsFile(BUDGETS);
    const logs: string[] = [];
    exporter = await startExporter({
      otlpPort: 0,
      metricsPort: 0,
      logLevel: 'info',
      writeLog: (line) => logs.push(line),
      budgetsFile: path,
    });
    await postJson(exporter.otlpUrl, costPush(1, 2, Date.now()));
    // Replaced by a rename, as editors and config maps do.
    writeFileSync(
      `${path}.new`,
      'budgets:\n  - { name: support-daily, scope: { feature: support-chat }, period: day, usd: 5 }\n',
    );
    renameSync(`${path}.new`, path);
    await eventually(async () => {
      expect(await budgetSamples('groqmeter_budget_spent_usd_total')).toEqual([
        { labels: { budget: 'support-daily' }, value: 1 },
      ]);
    });

    writeFileSync(path, 'budgets:\n  - { name: support-daily, period: fortnight, usd: 5 }\n');
    await eventually(async () => {
      expect(await budgetSamples('groqmeter_exporter_budget_reloads_total')).toEqual([
        { labels: { outcome: 'applied' }, value: 1 },
        { labels: { outcome: 'rejected' }, value: 1 },
      ]);
    });
    expect(await budgetSamples('groqmeter_budget_usd')).toEqual([
      {
        labels: { budget: 'support-daily', enforce: 'false', period: 'day', scope: 'feature=support-chat' },
        value: 5,
      },
    ]);
    const rejected = logs.map((line) => JSON.parse(line)).find((line) => line.level === 'warn');
    expect(rejected).toMatchObject({
      msg: 'budgets file rejected: the last good budgets stay in force',
      file: path,
      budgets: 1,
    });
    expect(rejected.error).toContain(
      `${path}: budgets[0].period: Invalid option: expected one of "day"|"week"|"month"`,
    );
  });

  it('does not start with a budgets file it cannot use', async () => {
    await expect(
      startExporter({
        otlpPort: 0,
        metricsPort: 0,
        logLevel: 'silent',
        budgetsFile: budgetsFile('budgets: 3\n'),
      }),
    ).rejects.toThrow(/budgets\.yaml: budgets: Invalid input: expected array, received number/);
  });

  it('refuses a --budget shorthand whose scope names no label', async () => {
    await expect(
      startExporter({
        otlpPort: 0,
        metricsPort: 0,
        logLevel: 'silent',
        budgets: [{ scope: 'team-a', period: 'month', usd: 5 }],
      }),
    ).rejects.toThrow(
      '--budget: budget scope "team-a" names no label: write all (all spend) or label=value pairs',
    );
  });
});
