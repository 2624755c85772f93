/**
 * Budget alerts reach people, with real parts: simulator → an app instrumented by groqmeter →
 * OTLP → the exporter with a budgets file → a real Prometheus evaluating the generated rules →
 * Debian's Alertmanager → a webhook receiver here, which must get each alert with its labels and
 * runbook link.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningExporter, startExporter } from '@groqmeter/exporter';
import { RULE_GROUPS, RULES_FILE } from '@groqmeter/grafana';
import { type RunningSimulator, startSimulator } from '@groqmeter/groq-simulator';
import { instrumentGroq, withGroqAttributes } from '@groqmeter/instrumentation-groq';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import Groq from 'groq-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningAlertmanager, startAlertmanager } from '../src/alertmanager-server.js';
import {
  startWebhookReceiver,
  type WebhookNotification,
  type WebhookReceiver,
} from '../src/alertmanager-webhook.js';
import { type RunningPrometheus, startPrometheus } from '../src/prometheus-server.js';
import { otlpApp, type TelemetryApp } from '../src/telemetry-apps.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RULES_PATH = join(REPO, 'grafana', RULES_FILE);
const ENSURE_PACKAGE = join(REPO, 'scripts/ensure-debian-package.sh');

/** How long a notification may take: scrape, evaluation and Alertmanager's group wait are 1 s each. */
const DELIVERY_TIMEOUT_MS = 60_000;

/** A month's budget for all spend that the first request exceeds. */
const TINY_BUDGET =
  'timezone: UTC\nbudgets:\n  - { name: all-monthly, scope: {}, period: month, usd: 0.000001 }\n';

/** The share of the support budget the workload uses once the budget is sized to it. */
const SUPPORT_SHARE = 0.625;

const WEBHOOK_RECEIVER = 'groqmeter-test-webhook';

let simulator: RunningSimulator;
let exporter: RunningExporter;
let app: TelemetryApp;
let webhook: WebhookReceiver;
let alertmanager: RunningAlertmanager;
let prometheus: RunningPrometheus;
let budgetsPath: string;

/** The Alertmanager configuration of the test: every alert to the webhook, at once. */
function alertmanagerConfig(url: string) {
  return {
    route: {
      receiver: WEBHOOK_RECEIVER,
      group_by: ['alertname', 'budget'],
      group_wait: '1s',
      group_interval: '1s',
      repeat_interval: '1h',
    },
    receivers: [{ name: WEBHOOK_RECEIVER, webhook_configs: [{ url, send_resolved: false }] }],
  };
}

/** The exporter's spend so far of a budget, as it serves it. */
async function budgetSpent(budget: string): Promise<number> {
  const text = await (await fetch(exporter.metricsUrl)).text();
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`groqmeter_budget_spent_usd_total{budget="${budget}"} `));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

function rule(name: string) {
  const found = RULE_GROUPS.flatMap((group) => group.rules).find((candidate) => candidate.alert === name);
  if (!found) throw new Error(`no alert rule ${name}`);
  return found;
}

const alertOf = (name: string, budget: string) => (notification: WebhookNotification) =>
  notification.alerts.some((alert) => alert.labels.alertname === name && alert.labels.budget === budget);

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const alertmanagerBinary = execFileSync(
    'sh',
    [ENSURE_PACKAGE, 'prometheus-alertmanager', 'prometheus-alertmanager'],
    {
      encoding: 'utf8',
      timeout: 300_000,
    },
  ).trim();
  budgetsPath = join(mkdtempSync(join(tmpdir(), 'groqmeter-e2e-budgets-')), 'budgets.yaml');
  writeFileSync(budgetsPath, TINY_BUDGET);
  simulator = await startSimulator();
  exporter = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    logLevel: 'silent',
    budgetsFile: budgetsPath,
  });
  app = otlpApp('e2e-alert-delivery', exporter.otlpUrl);
  webhook = await startWebhookReceiver();
  alertmanager = await startAlertmanager({
    binary: alertmanagerBinary,
    config: alertmanagerConfig(webhook.url),
  });
  prometheus = await startPrometheus({
    binary: inject('prometheusBinary'),
    jobs: [{ job: 'e2e-exporter', target: new URL(exporter.metricsUrl).host, honorLabels: true }],
    ruleFiles: [RULES_PATH],
    intervalSeconds: 1,
    alertmanagers: [alertmanager.target],
  });

  const groq = instrumentGroq(new Groq({ apiKey: 'e2e-test-key', baseURL: simulator.url, maxRetries: 0 }), {
    meterProvider: app.meterProvider,
  });
  await withGroqAttributes({ feature: 'support-chat' }, async () => {
    for (const question of ['Where is my order 1042?', 'Can I return boots I wore once?']) {
      await groq.chat.completions.create({
        model: 'openai/gpt-oss-20b',
        messages: [{ role: 'user', content: question }],
      });
    }
  });
  await app.flush();
}, 300_000);

afterAll(async () => {
  if (process.env.GROQMETER_E2E_ALERT_CAPTURE) {
    // A record of what the webhook received, for notes and docs (nothing reads it back).
    writeFileSync(
      process.env.GROQMETER_E2E_ALERT_CAPTURE,
      `${JSON.stringify(webhook?.notifications, null, 2)}\n`,
    );
  }
  await prometheus?.stop();
  await alertmanager?.stop();
  await webhook?.close();
  await app?.close();
  await exporter?.close();
  await simulator?.close();
});

describe.sequential('budget alerts delivered through Alertmanager', () => {
  it('an exceeded budget reaches the webhook with its labels and runbook link', async () => {
    const notification = await webhook.waitFor(
      alertOf('GroqBudgetExceeded', 'all-monthly'),
      DELIVERY_TIMEOUT_MS,
    );
    expect(notification).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: WEBHOOK_RECEIVER,
      groupLabels: { alertname: 'GroqBudgetExceeded', budget: 'all-monthly' },
    });
    expect(notification.alerts).toHaveLength(1);
    const [alert] = notification.alerts;
    expect(alert?.status).toBe('firing');
    expect(alert?.labels).toEqual({
      alertname: 'GroqBudgetExceeded',
      budget: 'all-monthly',
      period: 'month',
      scope: 'all',
      severity: 'critical',
    });
    const exceeded = rule('GroqBudgetExceeded');
    expect(alert?.annotations).toMatchObject({
      summary: 'Budget all-monthly is exceeded',
      runbook: exceeded.annotations.runbook,
      runbook_url: 'grafana/prometheus/runbooks.md#groqbudgetexceeded',
    });
    expect(alert?.annotations.description).toMatch(
      /^The spend of budget all-monthly \(all, per month\) since its period started is \S+% of the budget\. /,
    );
  });

  it('a budget added to the file is reloaded, and its warning threshold crossed reaches the webhook', async () => {
    const spent = await budgetSpent('all-monthly');
    expect(spent).toBeGreaterThan(0);
    // Sized so that the workload's spend is 62.5% of it: over the 0.5 warning, under the budget.
    const usd = spent / SUPPORT_SHARE;
    writeFileSync(
      budgetsPath,
      `${TINY_BUDGET}  - { name: support-daily, scope: { feature: support-chat }, period: day, usd: ${usd}, warn: [0.5, 0.9] }\n`,
    );
    const notification = await webhook.waitFor(
      alertOf('GroqBudgetWarning', 'support-daily'),
      DELIVERY_TIMEOUT_MS,
    );
    expect(notification.alerts).toHaveLength(1);
    const [alert] = notification.alerts;
    expect(alert?.labels).toEqual({
      alertname: 'GroqBudgetWarning',
      budget: 'support-daily',
      period: 'day',
      scope: 'feature=support-chat',
      severity: 'warning',
      threshold: '0.5',
    });
    expect(alert?.annotations).toEqual({
      summary: 'Budget support-daily is 62.5% used',
      description:
        'The spend of budget support-daily (feature=support-chat, per day) since its period started crossed the warning threshold of 0.5 of the budget: 62.5% is used.',
      runbook: rule('GroqBudgetWarning').annotations.runbook,
      runbook_url: 'grafana/prometheus/runbooks.md#groqbudgetwarning',
    });
    // Under the budget and under the 0.9 threshold: neither was sent.
    const support = webhook.notifications
      .flatMap((item) => item.alerts)
      .filter((item) => item.labels.budget === 'support-daily');
    expect(support.map((item) => [item.labels.alertname, item.labels.threshold])).toEqual([
      ['GroqBudgetWarning', '0.5'],
    ]);
  });
});
