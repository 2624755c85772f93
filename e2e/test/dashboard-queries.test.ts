/**
 * The end-to-end proof: simulator → groq-sdk, openai, LangChain and AI SDK apps instrumented by
 * groqmeter → OTLP → the exporter (whose batch reconciler meters the finished batch jobs) → a real
 * Prometheus, and a second app serving `@opentelemetry/exporter-prometheus` to the same
 * Prometheus. Every query of every dashboard panel and every alert rule then runs through
 * Prometheus's HTTP API; the spend, token, headroom and pricing-outcome panels must equal the
 * values computed from the simulator's own record.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningExporter, startExporter } from '@groqmeter/exporter';
import { alertQueries, panelQueries, RULES_FILE } from '@groqmeter/grafana';
import {
  countTokens,
  DEFAULT_MODELS,
  type ModelConfig,
  type RunningSimulator,
  startSimulator,
} from '@groqmeter/groq-simulator';
import { defaultPriceBook, toUsdNumber } from '@groqmeter/pricing';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { differences } from '../src/compare-results.js';
import { expectedValues, type Traffic } from '../src/expected-values.js';
import {
  evaluatePanelQuery,
  type PanelWindow,
  panelLabel,
  panelsWithoutData,
  panelVariables,
} from '../src/panel-evaluation.js';
import { type RunningPrometheus, startPrometheus } from '../src/prometheus-server.js';
import { otlpApp, scrapedApp, type TelemetryApp } from '../src/telemetry-apps.js';
import {
  BATCH_FEATURE,
  BATCH_LINES,
  MODELS,
  RESEARCH_TOOL_CALLS,
  runAiSdkRound,
  runGroqSdkRound,
  runLangChainRound,
  runOpenAiRound,
  SPEECH_INPUTS,
  STREAM_ERROR_CHARGED_TOKENS,
  USAGE_MISSING,
} from '../src/workload.js';

const RULES_PATH = join(fileURLToPath(new URL('../../grafana/', import.meta.url)), RULES_FILE);

/** A small budget, so that the budget alerts fire on the test's few cents. */
const MONTHLY_BUDGET_USD = 0.0001;

/**
 * Six calls a day on the support model: the workload's six use it up, so its headroom is 0. The
 * retired model's budgets as the simulator serves it, stated here since it is not in
 * `DEFAULT_MODELS`. A fine-tune served by the simulator that the price catalogue does not know.
 */
const MODEL_OVERRIDES: Record<string, ModelConfig> = {
  [MODELS.support]: { limits: { requestsPerDay: 6 } },
  [MODELS.retired]: { limits: { requestsPerDay: 1000, tokensPerMinute: 6000 } },
  // Standing in for OpenAI's own API: no Groq rate limits.
  [MODELS.onOpenAi]: { kind: 'chat', ownedBy: 'openai' },
  [MODELS.unpriced]: {
    kind: 'chat',
    ownedBy: 'acme',
    limits: { requestsPerDay: 500, tokensPerMinute: 5000 },
  },
};

/** The job of the series the exporter's batch reconciler records. */
const BATCH_JOB = 'groqmeter-batches';

const ROUNDS = [1, 2];

/** Step of the range queries (time series panels). */
const RANGE_STEP_SECONDS = 5;

/** Alerts the workload must trigger (their expression returns data); the latency SLOs hold. */
const TRIGGERED_ALERTS = [
  'GroqSpendForecastOverBudget',
  'GroqBudgetExceeded',
  'GroqBudgetBurnRateFast',
  'GroqBudgetBurnRateSlow',
  'GroqRateLimitHeadroomLow',
  'GroqRateLimited',
  'GroqSpendNotFullyPriced',
];

/** The apps one SDK each (or one app for all four) records into. */
interface SdkApps {
  groqSdk: TelemetryApp;
  openAi: TelemetryApp;
  langChain: TelemetryApp;
  aiSdk: TelemetryApp;
}

/** One way the apps' metrics reach Prometheus, with its own simulator and the jobs it produces. */
interface TelemetryPath {
  simulator: RunningSimulator;
  apps: SdkApps;
  /** The `$job` values selecting this path's series. */
  jobs: string[];
  /** Whether an exporter's batch reconciler meters this path's batch jobs. */
  batchesMetered: boolean;
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
let stateDirectory: string | undefined;

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

/** The window the queries run over, once the workload has run. */
function panelWindow(): PanelWindow {
  return { prometheus, evaluationTime, rangeSeconds, stepSeconds: RANGE_STEP_SECONDS };
}

function traffic(path: TelemetryPath): Traffic {
  const speechTokens = SPEECH_INPUTS.reduce((total, input) => total + countTokens(input), 0) * ROUNDS.length;
  return {
    stats: path.simulator.stats(),
    limitsOf,
    unreportedTokens: {
      [MODELS.speech]: speechTokens,
      [MODELS.retries]: STREAM_ERROR_CHARGED_TOKENS * ROUNDS.length,
    },
    batchesMetered: path.batchesMetered,
    streamedCompound: new Set([MODELS.compoundStreamed]),
    openAiModels: new Set([MODELS.onOpenAi]),
    usageMissing: [USAGE_MISSING],
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

/** The batch lines the exporter has metered so far (`groq_priced_operations_total` of its reconciler). */
async function meteredBatchLines(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('groq_priced_operations_total{') && line.includes(`job="${BATCH_JOB}"`))
    .reduce((total, line) => total + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/** Waits (at most 30 s) until the batch reconciler has metered `lines` batch lines. */
async function waitForBatchLines(metricsUrl: string, lines: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await meteredBatchLines(metricsUrl)) < lines) {
    if (Date.now() > deadline)
      throw new Error(`the batch reconciler did not meter ${lines} lines within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const frozen = Date.now();
  // A paid plan's 429 text: the free plan's mentions billing, which LangChain takes for an
  // exhausted quota and does not retry.
  const simulatorOptions = { now: () => frozen, models: MODEL_OVERRIDES, plan: 'developer' as const };
  const startSim = async () => {
    const simulator = await startSimulator(simulatorOptions);
    simulators.push(simulator);
    return simulator;
  };
  const [otlpSimulator, directSimulator] = [await startSim(), await startSim()];
  stateDirectory = await mkdtemp(join(tmpdir(), 'groqmeter-e2e-'));
  const started = await startExporter({
    otlpPort: 0,
    metricsPort: 0,
    budgets: [{ scope: 'all', period: 'month', usd: MONTHLY_BUDGET_USD }],
    logLevel: 'silent',
    // The batch reconciler polls the OTLP path's simulator for finished batches.
    groqApiKey: 'e2e-exporter-key',
    groqBaseUrl: otlpSimulator.openaiBaseURL,
    groqBatches: true,
    groqBatchesState: join(stateDirectory, 'metered-batches.json'),
    groqBatchesIntervalSeconds: 0.2,
  });
  exporter = started;
  const [groqSdk, openAi, langChain, aiSdk] = [
    'e2e-groq-sdk',
    'e2e-openai',
    'e2e-langchain',
    'e2e-ai-sdk',
  ].map((name) => otlpApp(name, started.otlpUrl)) as [TelemetryApp, TelemetryApp, TelemetryApp, TelemetryApp];
  apps.push(groqSdk, openAi, langChain, aiSdk);
  const direct = await scrapedApp('e2e-direct');
  apps.push(direct);
  paths.set('OTLP → exporter', {
    simulator: otlpSimulator,
    apps: { groqSdk, openAi, langChain, aiSdk },
    jobs: [groqSdk.serviceName, openAi.serviceName, langChain.serviceName, aiSdk.serviceName, BATCH_JOB],
    batchesMetered: true,
  });
  paths.set('@opentelemetry/exporter-prometheus', {
    simulator: directSimulator,
    apps: { groqSdk: direct, openAi: direct, langChain: direct, aiSdk: direct },
    jobs: [direct.serviceName],
    // No exporter reads this simulator's batches: its batch jobs are billed by Groq, unmetered.
    batchesMetered: false,
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
      await runOpenAiRound(path.simulator, path.apps.openAi.meterProvider);
      await runLangChainRound(path.simulator, path.apps.langChain.meterProvider, round);
      await runAiSdkRound(path.simulator, path.apps.aiSdk.meterProvider, round);
    }
    await waitForBatchLines(started.metricsUrl, BATCH_LINES * round);
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
  if (stateDirectory !== undefined) await rm(stateDirectory, { recursive: true, force: true });
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
    const result = await evaluatePanelQuery(
      panelWindow(),
      query,
      panelVariables(panelWindow(), path.jobs, model === undefined ? '.*' : [model]),
    );
    for (const problem of differences(result, expected[query.expect]))
      problems.push(`${panelLabel(query)}: ${problem}`);
  }
  return problems;
}

describe.sequential('every dashboard query and alert rule on a real Prometheus', () => {
  for (const name of PATH_NAMES) {
    describe(`metrics path ${name}`, () => {
      it('every panel query returns data with all variables set to All', async () => {
        const path = pathNamed(name);
        expect(await panelsWithoutData(panelWindow(), panelVariables(panelWindow(), path.jobs))).toEqual([]);
      });

      it('the spend, token, headroom, audio and tool panels show exactly what the simulator served', async () => {
        expect(await wrongValues(pathNamed(name))).toEqual([]);
      });

      it(`with $model set to ${MODELS.agent}, they show that model's share`, async () => {
        expect(await wrongValues(pathNamed(name), MODELS.agent)).toEqual([]);
      });

      it('"Telemetry dropped, by reason" counts the unpriced model and the upload without usage', async () => {
        const path = pathNamed(name);
        const query = panelQueries().find((item) => item.panelTitle === 'Telemetry dropped, by reason');
        if (query === undefined) throw new Error('the Overview has no "Telemetry dropped, by reason" panel');
        const result = await evaluatePanelQuery(
          panelWindow(),
          query,
          panelVariables(panelWindow(), path.jobs),
        );
        expect(differences(result, expectedValues(traffic(path)).dropped_by_reason)).toEqual([]);
      });

      it("records the status code of Groq's in-stream error frame, and of the 429s", async () => {
        const path = pathNamed(name);
        const result = await prometheus.query(
          `sum by (status_code, error_type) (groq_requests_total{job=~"${path.jobs.join('|')}", model="${MODELS.retries}", outcome="error"})`,
          evaluationTime,
        );
        const calls = ROUNDS.length;
        expect(
          differences(result, {
            kind: 'by',
            labels: ['status_code', 'error_type'],
            values: new Map([
              ['400|tool_use_failed', calls],
              ['429|rate_limit_exceeded', calls],
            ]),
          }),
        ).toEqual([]);
        expect(result).toHaveLength(2);
      });
    });
  }

  it("meters the finished batch jobs once, at the batch price, attributed to the batch's metadata", async () => {
    const billed = pathNamed('OTLP → exporter').simulator.stats().models[MODELS.batch]?.batch;
    if (billed === undefined) throw new Error(`the simulator ran no batch line on ${MODELS.batch}`);
    expect(billed.batchRequests).toBe(BATCH_LINES * ROUNDS.length);
    const price = defaultPriceBook.price(
      MODELS.batch,
      { inputTokens: billed.promptTokens, outputTokens: billed.completionTokens },
      { batch: true },
    );
    if (!price.known) throw new Error(price.reason);
    const result = await prometheus.query(
      `sum by (feature, batch, component, operation) (groq_cost_usd_total{job="${BATCH_JOB}"})`,
      evaluationTime,
    );
    expect(
      differences(result, {
        kind: 'by',
        labels: ['feature', 'batch', 'component', 'operation'],
        values: new Map(
          price.lines.map((line) => [
            `${BATCH_FEATURE}|true|${line.component}|chat`,
            toUsdNumber(line.amount),
          ]),
        ),
      }),
    ).toEqual([]);
    expect(result).toHaveLength(2);
  });

  it('every alert rule evaluates, and the alerts the workload triggers return data', async () => {
    const triggered: string[] = [];
    for (const rule of alertQueries()) {
      const result = await prometheus.query(rule.expr, evaluationTime);
      if (result.length > 0) triggered.push(rule.alert);
    }
    expect(triggered).toEqual(TRIGGERED_ALERTS);
  });
});
