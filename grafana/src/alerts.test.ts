import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import {
  BURN_RATE_FAST,
  BURN_RATE_SLOW,
  HEADROOM_THRESHOLD,
  LATENCY_P95_SLO_SECONDS,
  PRICING_INCOMPLETE_SHARE,
  PRICING_WINDOW,
  RATE_LIMITED_SHARE,
  RULE_GROUPS,
  TTFT_P95_SLO_SECONDS,
} from './alerts.js';
import { FORECAST_RATE_WINDOW } from './budget.js';
import { RULES_FILE, renderRunbooks } from './generated-files.js';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const rulesDir = join(packageDir, 'prometheus/rules');

function rule(name: string) {
  const found = RULE_GROUPS.flatMap((group) => group.rules).find((candidate) => candidate.alert === name);
  if (!found) throw new Error(`no alert rule ${name}`);
  return found;
}

describe('alert rules', () => {
  it('are the alerts of the issues: per budget forecast, warning, exceeded and fast and slow burn, and pricing completeness', () => {
    expect(RULE_GROUPS.flatMap((group) => group.rules.map((candidate) => candidate.alert))).toEqual([
      'GroqSpendForecastOverBudget',
      'GroqBudgetWarning',
      'GroqBudgetExceeded',
      'GroqBudgetBurnRateFast',
      'GroqBudgetBurnRateSlow',
      'GroqRateLimitHeadroomLow',
      'GroqRateLimited',
      'GroqSpendNotFullyPriced',
      'GroqLatencySLOBreached',
      'GroqTimeToFirstTokenSLOBreached',
    ]);
  });

  it('compare with the documented threshold constants', () => {
    expect(rule('GroqBudgetBurnRateFast').expr).toContain(`[${BURN_RATE_FAST.long}])`);
    expect(rule('GroqBudgetBurnRateFast').expr).toContain(`> ${BURN_RATE_FAST.factor}\nand`);
    expect(rule('GroqBudgetBurnRateSlow').expr).toContain(`[${BURN_RATE_SLOW.short}])`);
    expect(rule('GroqRateLimitHeadroomLow').expr).toContain(`< ${HEADROOM_THRESHOLD}\n`);
    expect(rule('GroqRateLimited').expr).toMatch(new RegExp(`> ${RATE_LIMITED_SHARE}$`));
    expect(rule('GroqLatencySLOBreached').expr).toMatch(new RegExp(`> ${LATENCY_P95_SLO_SECONDS}$`));
    expect(rule('GroqSpendNotFullyPriced').expr).toMatch(new RegExp(`\\n< ${PRICING_INCOMPLETE_SHARE}$`));
    expect(rule('GroqSpendNotFullyPriced').expr).toContain(
      `groq_priced_operations_total{pricing="exact"}[${PRICING_WINDOW}]`,
    );
    expect(rule('GroqTimeToFirstTokenSLOBreached').expr).toMatch(new RegExp(`> ${TTFT_P95_SLO_SECONDS}$`));
  });

  it('each carry a severity and summary, description, runbook and runbook_url annotations', () => {
    for (const group of RULE_GROUPS) {
      for (const candidate of group.rules) {
        expect(['critical', 'warning']).toContain(candidate.labels.severity);
        expect(Object.keys(candidate.annotations)).toEqual([
          'summary',
          'description',
          'runbook',
          'runbook_url',
        ]);
        for (const text of Object.values(candidate.annotations)) expect(text.length).toBeGreaterThan(20);
        expect(candidate.annotations.runbook_url).toBe(
          `grafana/prometheus/runbooks.md#${candidate.alert.toLowerCase()}`,
        );
      }
    }
  });

  it('link to a runbook section of each alert, whose text is the runbook annotation', () => {
    const runbooks = renderRunbooks();
    for (const candidate of RULE_GROUPS.flatMap((group) => group.rules)) {
      expect(runbooks).toContain(`## ${candidate.alert}\n`);
      expect(runbooks).toContain(`**What to do.** ${candidate.annotations.runbook}\n`);
    }
  });

  it('forecast every budget as spend so far plus the rest of its period at the 7-day average rate', () => {
    expect(FORECAST_RATE_WINDOW).toBe('7d');
    expect(rule('GroqSpendForecastOverBudget').expr).toBe(
      '(max by (budget) (groqmeter_budget_spent_usd_total) + (avg_over_time(max by (budget) (rate(groqmeter_budget_spent_usd_total[5m]))[7d:5m]) or max by (budget) (irate(groqmeter_budget_spent_usd_total[5m]))) * max by (budget) (clamp_min(groqmeter_budget_period_end_timestamp_seconds - time(), 0)))' +
        '\n> on (budget) group_left (period, scope)\nmax by (budget, period, scope) (groqmeter_budget_usd)',
    );
  });

  it('never advise a runbook step on spend that groqmeter does not meter', () => {
    // Every series a budget runbook names is one groqmeter serves.
    const budgetRules = RULE_GROUPS.find((group) => group.name === 'groqmeter-budget')?.rules ?? [];
    const named = budgetRules.flatMap(
      (candidate) => candidate.annotations.runbook.match(/\b(groq\w*_total)\b/g) ?? [],
    );
    expect([...new Set(named)].sort()).toEqual([
      'groq_cost_usd_total',
      'groq_requests_total',
      'groq_tokens_total',
      'groqmeter_budget_operations_total',
    ]);
  });

  it('match both spellings of the semconv seconds histograms', () => {
    expect(rule('GroqLatencySLOBreached').expr).toContain(
      '__name__=~"gen_ai_client_operation_duration(_seconds)?_bucket"',
    );
    expect(rule('GroqTimeToFirstTokenSLOBreached').expr).toContain(
      '__name__=~"gen_ai_client_operation_time_to_first_chunk(_seconds)?_bucket"',
    );
  });

  it('pass promtool check rules', async () => {
    const { stdout } = await run(inject('promtoolBinary'), ['check', 'rules', join(packageDir, RULES_FILE)]);
    expect(stdout).toContain('SUCCESS: 10 rules found');
  });

  it('pass their promtool unit tests, each alert firing and not firing', async () => {
    const { stdout } = await run(
      inject('promtoolBinary'),
      [
        'test',
        'rules',
        'groqmeter.rules.test.yml',
        'groqmeter.budget.rules.test.yml',
        'groqmeter.forecast.rules.test.yml',
      ],
      { cwd: rulesDir },
    );
    expect(stdout.match(/SUCCESS/g)).toHaveLength(3);
  });

  it('route through the example Alertmanager configuration, which amtool accepts with its templates', async () => {
    const { stdout } = await run(inject('amtoolBinary'), [
      'check-config',
      join(packageDir, 'alertmanager/alertmanager.yml'),
    ]);
    expect(stdout).toContain(' - 3 receivers\n - 1 templates\n  SUCCESS');
    const config = readFileSync(join(packageDir, 'alertmanager/alertmanager.yml'), 'utf8');
    for (const receiver of ['webhook_configs', 'email_configs', 'slack_configs'])
      expect(config).toContain(`${receiver}:`);
  });

  it('load in the shipped Prometheus configuration', async () => {
    const { stdout } = await run(inject('promtoolBinary'), [
      'check',
      'config',
      join(packageDir, 'prometheus/prometheus.yml'),
    ]);
    expect(stdout).toContain('is valid prometheus config file syntax');
    expect(stdout).toContain('SUCCESS: 10 rules found');
  });
});
