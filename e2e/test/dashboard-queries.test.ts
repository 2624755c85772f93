/**
 * The end-to-end proof: simulator → groq-sdk, LangChain and AI SDK apps instrumented by groqmeter
 * → OTLP → the exporter → a real Prometheus, and a second app serving `@opentelemetry/exporter-prometheus`
 * to the same Prometheus. Every query of every dashboard panel and every alert rule then runs
 * through Prometheus's HTTP API; the spend, token and headroom panels must equal the values
 * computed from the simulator's own record.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningExporter, startExporter } from '@groqmeter/exporter';
import {
  alertQueries,
  interpolate,
  type PanelQuery,
  panelQueries,
  type QueryVariables,
  RULES_FILE,
} from '@groqmeter/grafana';
import {
  countTokens,
  DEFAULT_MODELS,
  type ModelConfig,
  type RunningSimulator,
  startSimulator,
} from '@groqmeter/groq-simulator';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { differences, type ResultValue } from '../src/compare-results.js';
import { expectedValues, type Traffic } from '../src/expected-values.js';
import { type RunningPrometheus, startPrometheus } from '../src/prometheus-server.js';
import { otlpApp, scrapedApp, type TelemetryApp } from '../src/telemetry-apps.js';
import {
  MODELS,
  RESEARCH_TOOL_CALLS,
  runAiSdkRound,
  runGroqSdkRound,
  runLangChainRound,
  SPEECH_INPUTS,
} from '../src/workload.js';

const RULES_PATH = join(fileURLToPath(new URL('../../grafana/', import.meta.url)), RULES_FILE);

/** A small budget, so that the budget alerts fire on the test's few cents. */
const MONTHLY_BUDGET_USD = 0.0001;

/** Six calls a day on the support model: the workload's six use it up, so its headroom is 0. */
const MODEL_OVERRIDES: Record<string, ModelConfig> = { [MODELS.support]: { limits: { requestsPerDay: 6 } } };

const ROUNDS = [1, 2];

/** Step of the range queries (time series panels). */
const RANGE_STEP_SECONDS = 5;

/** Alerts the workload must trigger (their expression returns data); the latency SLOs hold. */
const TRIGGERED_ALERTS = [
  'GroqSpendForecastOverBudget',
  'GroqBudgetBurnRateFast',
  'GroqBudgetBurnRateSlow',
  'GroqRateLimitHeadroomLow',
  'GroqRateLimited',
];

/** The apps one SDK each (or one app for all three) records into. */
interface SdkApps {
  groqSdk: TelemetryApp;
  langChain: TelemetryApp;
  aiSdk: TelemetryApp;
}

/** One way the apps' metrics reach Prometheus, with its own simulator and the jobs it produces. */
interface TelemetryPath {
  simulator: RunningSimulator;
  apps: SdkApps;
  /** The `$job` values selecting this path's series. */
  jobs: string[];
}

/** The two paths, by name: OTLP through the exporter, and an app scraped directly. */
const PATH_NAMES = ['OTLP → exporter', '@opentelemetry/exporter-prometheus'] as const;
type PathName = (typeof PATH_NAMES)[number];

const limitsOf = (model: string) => ({ ...DEFAULT_MODELS[model]?.limits, ...MODEL_OVERRIDES[model]?.limits });

let exporter: RunningExporter | undefined;
let prometheus: RunningPrometheus;
const simulators: RunningSimulator[] = [];
const apps: TelemetryApp[] = [];
const paths = new Map<PathName, TelemetryPath>();
let evaluationTime = 0;
let rangeSeconds = 0;

/** Waits (at most 30 s) until Prometheus has scraped every job after `sinceSeconds`. */
async function waitForScrapes(jobs: string[], sinceSeconds: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = Date.now() / 1000;
    const selector = `up{job=~"${jobs.join('|')}"}`;
    // timestamp() of a plain selector is the scrape time (of an expression it would be `now`).
    const [up, scrapedAt] = await Promise.all([
      prometheus.query(selector, now),
      prometheus.query(`timestamp(${selector})`, now),
    ]);
    const healthy = up.length === jobs.length && up.every((sample) => sample.value === 1);
    if (
      healthy &&
      scrapedAt.length === jobs.length &&
      scrapedAt.every((sample) => sample.value > sinceSeconds)
    )
      return;
    if (Date.now() > deadline) throw new Error(`Prometheus did not scrape ${jobs.join(', ')} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function variables(jobs: string[], model: string | string[]): QueryVariables {
  return {
    filters: { job: jobs, model, operation: '.*', feature: '.*' },
    rangeSeconds,
    rateIntervalSeconds: rangeSeconds,
    intervalSeconds: 15,
  };
}

/** A panel query's result as Grafana would get it: instant, or the last value of each range series. */
async function evaluate(query: PanelQuery, vars: QueryVariables): Promise<ResultValue[]> {
  const expr = interpolate(query.expr, vars);
  if (query.instant) return prometheus.query(expr, evaluationTime);
  const series = await prometheus.queryRange(
    expr,
    evaluationTime - rangeSeconds,
    evaluationTime,
    RANGE_STEP_SECONDS,
  );
  return series.map((item) => ({
    metric: item.metric,
    value: item.values[item.values.length - 1] ?? Number.NaN,
  }));
}

function traffic(path: TelemetryPath): Traffic {
  const speechTokens = SPEECH_INPUTS.reduce((total, input) => total + countTokens(input), 0) * ROUNDS.length;
  return {
    stats: path.simulator.stats(),
    limitsOf,
    nonChatTokens: { [MODELS.speech]: speechTokens },
    builtInToolCalls: {
      [MODELS.agent]: Object.fromEntries(
        Object.entries(RESEARCH_TOOL_CALLS).map(([tool, calls]) => [tool, calls * ROUNDS.length]),
      ),
    },
    monthlyBudgetUsd: MONTHLY_BUDGET_USD,
    rangeSeconds,
    evaluationTime,
  };
}

const label = (query: PanelQuery) => `${query.dashboardUid} / ${query.panelTitle} (${query.refId})`;

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const frozen = Date.now();
  // A paid plan's 429 text: the free plan's mentions billing, which LangChain takes for an
  // exhausted quota and does not retry.
  const simulatorOptions = { now: () => frozen, models: MODEL_OVERRIDES, plan: 'developer' as const };
  const started = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    budgets: [{ scope: 'all', period: 'month', usd: MONTHLY_BUDGET_USD }],
    logLevel: 'silent',
  });
  exporter = started;
  const startSim = async () => {
    const simulator = await startSimulator(simulatorOptions);
    simulators.push(simulator);
    return simulator;
  };
  const [groqSdk, langChain, aiSdk] = ['e2e-groq-sdk', 'e2e-langchain', 'e2e-ai-sdk'].map((name) =>
    otlpApp(name, started.otlpUrl),
  ) as [TelemetryApp, TelemetryApp, TelemetryApp];
  apps.push(groqSdk, langChain, aiSdk);
  const direct = await scrapedApp('e2e-direct');
  apps.push(direct);
  paths.set('OTLP → exporter', {
    simulator: await startSim(),
    apps: { groqSdk, langChain, aiSdk },
    jobs: [groqSdk.serviceName, langChain.serviceName, aiSdk.serviceName],
  });
  paths.set('@opentelemetry/exporter-prometheus', {
    simulator: await startSim(),
    apps: { groqSdk: direct, langChain: direct, aiSdk: direct },
    jobs: [direct.serviceName],
  });
  const startedAt = Date.now() / 1000;
  prometheus = await startPrometheus({
    binary: inject('prometheusBinary'),
    jobs: [
      { job: 'e2e-exporter', target: new URL(started.metricsUrl).host, honorLabels: true },
      { job: direct.serviceName, target: direct.target, honorLabels: false },
    ],
    ruleFiles: [RULES_PATH],
    intervalSeconds: 1,
  });

  // Two rounds with a scrape in between, so that every counter grows between samples and the
  // rate()-based panels and alerts see traffic.
  for (const round of ROUNDS) {
    for (const path of paths.values()) {
      await runGroqSdkRound(path.simulator, path.apps.groqSdk.meterProvider, round);
      await runLangChainRound(path.simulator, path.apps.langChain.meterProvider, round);
      await runAiSdkRound(path.simulator, path.apps.aiSdk.meterProvider, round);
    }
    await Promise.all(apps.map((app) => app.flush()));
    await waitForScrapes(['e2e-exporter', direct.serviceName], Date.now() / 1000);
  }
  evaluationTime = Date.now() / 1000;
  // A whole number of range-query steps, so that the last step falls on the evaluation time.
  rangeSeconds = Math.ceil((evaluationTime - startedAt + 60) / RANGE_STEP_SECONDS) * RANGE_STEP_SECONDS;
}, 300_000);

afterAll(async () => {
  await prometheus?.stop();
  for (const app of apps) await app.close();
  await Promise.all(simulators.map((simulator) => simulator.close()));
  await exporter?.close();
});

function pathNamed(name: PathName): TelemetryPath {
  const path = paths.get(name);
  if (!path) throw new Error(`the ${name} path was not set up`);
  return path;
}

/** Every difference between the panels that show a computed value and that value. */
async function wrongValues(path: TelemetryPath, model?: string): Promise<string[]> {
  const expected = expectedValues(traffic(path), model);
  const problems: string[] = [];
  for (const query of panelQueries()) {
    if (query.expect === undefined) continue;
    const result = await evaluate(query, variables(path.jobs, model === undefined ? '.*' : [model]));
    for (const problem of differences(result, expected[query.expect]))
      problems.push(`${label(query)}: ${problem}`);
  }
  return problems;
}

describe.sequential('every dashboard query and alert rule on a real Prometheus', () => {
  for (const name of PATH_NAMES) {
    describe(`metrics path ${name}`, () => {
      it('every panel query returns data with all variables set to All', async () => {
        const path = pathNamed(name);
        const empty: string[] = [];
        for (const query of panelQueries()) {
          const result = await evaluate(query, variables(path.jobs, '.*'));
          if (!result.some((series) => Number.isFinite(series.value))) empty.push(label(query));
        }
        expect(empty).toEqual([]);
      });

      it('the spend, token, headroom, audio and tool panels show exactly what the simulator served', async () => {
        expect(await wrongValues(pathNamed(name))).toEqual([]);
      });

      it(`with $model set to ${MODELS.agent}, they show that model's share`, async () => {
        expect(await wrongValues(pathNamed(name), MODELS.agent)).toEqual([]);
      });
    });
  }

  it('every alert rule evaluates, and the alerts the workload triggers return data', async () => {
    const triggered: string[] = [];
    for (const rule of alertQueries()) {
      const result = await prometheus.query(rule.expr, evaluationTime);
      if (result.length > 0) triggered.push(rule.alert);
    }
    expect(triggered).toEqual(TRIGGERED_ALERTS);
  });
});
