import type { BenchPlan, SuiteName } from './bench-options';
import { SHORT_STREAM_TOKENS } from './chat-comparison';
import { formatBytes, formatCount, formatMicros, formatMs, formatRatio, markdownTable } from './format';
import type { MachineDescription } from './machine';
import type { CallComparison, ScrapeStats, SuiteResult } from './results';
import type { Summary } from './statistics';
import { proxyTables } from './suites/proxy-report';

/** One suite's outcome in a run. */
export interface SuiteOutcome {
  suite: SuiteName;
  seconds: number;
  result?: SuiteResult;
  /** The exact error when the suite could not run at all. */
  error?: string;
}

/** Everything a results file says about one `pnpm bench` run. */
export interface BenchRun {
  command: string;
  startedAt: Date;
  machine: MachineDescription;
  loadAverageAtEnd: number[];
  quick: boolean;
  plan: BenchPlan;
  outcomes: SuiteOutcome[];
  totalSeconds: number;
}

const ISOLATION: Record<string, string> = {
  'groq-sdk': 'per client, own process per row',
  'ai-sdk': 'per model, own process per row',
  langchain: 'per model, own process per row',
  openlit: 'own process, bare SDK copy loaded before patching',
  'openai-contrib': 'own process, bare SDK copy loaded before patching',
  openllmetry: 'own process, bare SDK copy loaded before patching',
  openinference: 'own process, bare SDK copy loaded before patching',
};

function medianAndP95(summary: Summary): string {
  return `${formatMs(summary.median)} / ${formatMs(summary.p95)}`;
}

function spans(row: CallComparison): string {
  return `${row.spansPerCall.baseline} → ${row.spansPerCall.instrumented}`;
}

function withSuite<T>(outcomes: readonly SuiteOutcome[], pick: (result: SuiteResult) => T[] | undefined) {
  return outcomes.flatMap((outcome) =>
    (outcome.result ? (pick(outcome.result) ?? []) : []).map((row) => ({ suite: outcome.suite, row })),
  );
}

function callsTable(outcomes: readonly SuiteOutcome[]): string | undefined {
  const rows = withSuite(outcomes, (result) => result.calls?.filter((row) => row.mode === 'call'));
  if (rows.length === 0) return undefined;
  return markdownTable(
    [
      'SDK call',
      'instrumentation',
      'isolation',
      'warm-up calls',
      'baseline median / p95',
      'instrumented median / p95',
      'ratio',
      'added per call',
      'spans per call',
      'metrics',
    ],
    rows.map(({ suite, row }) => [
      row.sdk,
      row.instrumentation,
      ISOLATION[suite] ?? '',
      formatCount(row.warmup),
      medianAndP95(row.timing.baseline),
      medianAndP95(row.timing.instrumented),
      formatRatio(row.timing.ratio),
      formatMs(row.timing.added, true),
      spans(row),
      String(row.metricsRecorded),
    ]),
  );
}

/**
 * What one more chunk adds: the long and short streams' added times apart, over their chunks
 * apart ("added per chunk" divides the whole stream's cost, its span and metrics included).
 */
function perExtraChunk(row: CallComparison): string {
  const short = row.shortStream;
  const chunks = row.chunksPerStream ?? 0;
  if (short === undefined || chunks <= short.chunksPerStream) return 'n/a';
  return formatMicros((row.timing.added - short.timing.added) / (chunks - short.chunksPerStream));
}

function streamsTable(outcomes: readonly SuiteOutcome[]): string | undefined {
  const rows = withSuite(outcomes, (result) => result.calls?.filter((row) => row.mode === 'stream'));
  if (rows.length === 0) return undefined;
  return markdownTable(
    [
      'SDK stream',
      'instrumentation',
      'chunks',
      'baseline median / p95',
      'instrumented median / p95',
      'ratio',
      'added per stream',
      'added per chunk',
      'added per extra chunk',
      'spans per stream',
    ],
    rows.map(({ row }) => {
      const chunks = row.chunksPerStream ?? 0;
      return [
        row.sdk,
        row.instrumentation,
        formatCount(chunks),
        medianAndP95(row.timing.baseline),
        medianAndP95(row.timing.instrumented),
        formatRatio(row.timing.ratio),
        formatMs(row.timing.added, true),
        chunks > 0 ? formatMs(row.timing.added / chunks, true) : 'n/a',
        perExtraChunk(row),
        spans(row),
      ];
    }),
  );
}

function memoryTable(outcomes: readonly SuiteOutcome[]): string | undefined {
  const rows = withSuite(outcomes, (result) => result.memory);
  if (rows.length === 0) return undefined;
  return markdownTable(
    [
      'SDK stream',
      'instrumentation',
      'chunks',
      'retained, baseline',
      'retained, instrumented',
      'retained beyond baseline, per chunk',
      'peak heap, baseline',
      'peak heap, instrumented',
    ],
    rows.map(({ row }) => [
      row.sdk,
      row.instrumentation,
      formatCount(row.chunks),
      formatBytes(row.baseline.retainedGrowthBytes, true),
      formatBytes(row.instrumented.retainedGrowthBytes, true),
      `${((row.instrumented.retainedGrowthBytes - row.baseline.retainedGrowthBytes) / row.chunks).toFixed(1)} B`,
      formatBytes(row.baseline.peakAboveStartBytes, true),
      formatBytes(row.instrumented.peakAboveStartBytes, true),
    ]),
  );
}

function promiseTaxTable(outcomes: readonly SuiteOutcome[]): string | undefined {
  const rows = withSuite(outcomes, (result) => result.promiseTax);
  const bare = rows.find(({ row }) => row.variant === 'not loaded')?.row;
  if (rows.length === 0 || bare === undefined) return undefined;
  return markdownTable(
    [
      'groqmeter in the process',
      'processes',
      'bare groq-sdk stream (chunks), median',
      'vs not loaded',
      'per chunk vs not loaded',
      'per awaited promise',
      'vs not loaded',
    ],
    rows.map(({ row }) => [
      row.variant,
      String(row.processes),
      `${formatMs(row.streamMs)} (${formatCount(row.chunksPerStream)})`,
      formatRatio(row.streamMs / bare.streamMs),
      formatMs((row.streamMs - bare.streamMs) / row.chunksPerStream, true),
      `${row.hopNs.toFixed(0)} ns`,
      formatRatio(row.hopNs / bare.hopNs),
    ]),
  );
}

function pricingTable(outcomes: readonly SuiteOutcome[]): string | undefined {
  const rows = withSuite(outcomes, (result) => result.pricing);
  if (rows.length === 0) return undefined;
  return markdownTable(
    ['operation', 'computations/s (median batch)', 'computations/s (p95 batch)', 'time per computation'],
    rows.map(({ row }) => [
      row.operation,
      formatCount(row.opsPerSecondMedian),
      formatCount(row.opsPerSecondP95),
      `${(1e6 / row.opsPerSecondMedian).toFixed(2)} µs`,
    ]),
  );
}

function ingestTable(outcomes: readonly SuiteOutcome[]): string | undefined {
  const rows = withSuite(outcomes, (result) => result.ingest);
  if (rows.length === 0) return undefined;
  return markdownTable(
    [
      'payload',
      'encoding',
      'data points',
      'body',
      'median / p95 per POST',
      'data points/s',
      'data points per exporter CPU-second',
    ],
    rows.map(({ row }) => [
      row.payload,
      row.encoding,
      formatCount(row.pointsPerRequest),
      formatBytes(row.bodyBytes),
      medianAndP95(row.timing),
      formatCount(row.pointsPerSecond),
      row.pointsPerCpuSecond === undefined ? '' : formatCount(row.pointsPerCpuSecond),
    ]),
  );
}

function scrapeCells(stats: ScrapeStats): string[] {
  return [
    formatCount(stats.lines),
    formatBytes(stats.bodyBytes),
    medianAndP95(stats.timing),
    formatBytes(stats.retainedHeapBytes),
    formatBytes(stats.rssBeforeScrapesBytes),
    formatBytes(stats.peakRssDuringScrapesBytes),
  ];
}

function scrapesTable(outcomes: readonly SuiteOutcome[]): string | undefined {
  const rows = withSuite(outcomes, (result) => result.scrapes);
  if (rows.length === 0) return undefined;
  return markdownTable(
    [
      'series',
      'server',
      'sample lines',
      'body',
      'GET /metrics median / p95',
      'ratio',
      'heap held for the series',
      'RSS before scrapes',
      'peak RSS while scraped',
    ],
    rows.flatMap(({ row }) => [
      [
        formatCount(row.series),
        'groqmeter exporter',
        ...scrapeCells(row.groqmeter).slice(0, 3),
        formatRatio(row.ratio),
        ...scrapeCells(row.groqmeter).slice(3),
      ],
      [
        formatCount(row.series),
        '@opentelemetry/exporter-prometheus',
        ...scrapeCells(row.prometheus).slice(0, 3),
        '1.00×',
        ...scrapeCells(row.prometheus).slice(3),
      ],
    ]),
  );
}

function proxyTable(outcomes: readonly SuiteOutcome[]): string | undefined {
  const result = outcomes.find((outcome) => outcome.result?.proxy !== undefined)?.result?.proxy;
  return result === undefined ? undefined : proxyTables(result);
}

function planLine(plan: BenchPlan): string {
  return [
    `calls ${plan.calls.rounds} rounds (+${plan.calls.warmupRounds} warm-up), then ${plan.calls.rounds} more after a ${formatCount(plan.calls.longWarmupRounds)}-call warm-up (steady state)`,
    `streams ${plan.streams.rounds} rounds of ${plan.streams.chunks}-token and ${SHORT_STREAM_TOKENS}-token streams (+${plan.streams.warmupRounds} warm-up)`,
    `memory ${plan.memory.repetitions}× a ${formatCount(plan.memory.chunks)}-token stream per variant`,
    `pricing ${plan.pricing.rounds} batches of ${formatCount(plan.pricing.batch)}`,
    `ingest ${plan.ingest.rounds} POSTs per payload`,
    `scrapes ${formatCount(plan.exporter.seriesRenderedPerServer)} series rendered per server and series count (at least ${plan.exporter.minRounds} scrapes)`,
  ].join('; ');
}

function problems(outcomes: readonly SuiteOutcome[]): string[] {
  return outcomes.flatMap((outcome) => [
    ...(outcome.error ? [`- **${outcome.suite}** could not run: \`${outcome.error}\``] : []),
    ...(outcome.result?.problems ?? []).map((problem) => `- **${outcome.suite}**: ${problem}`),
  ]);
}

/** The run as Markdown: how it was made, then one table per measurement. */
export function renderReport(run: BenchRun): string {
  const { machine } = run;
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' / ');
  const issues = problems(run.outcomes);
  const header = [
    `- Command: \`${run.command}\` (${run.quick ? 'quick' : 'full'} plan), from the repository root`,
    `- Date: ${run.startedAt.toISOString()}, ${Math.round(run.totalSeconds)} s in all (${run.outcomes.map((outcome) => `${outcome.suite} ${Math.round(outcome.seconds)} s`).join(', ')})`,
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${formatBytes(machine.memoryBytes)} RAM, ${machine.os}`,
    `- Node: ${machine.node}`,
    `- Load average (1 / 5 / 15 min): ${load(machine.loadAverage)} at start, ${load(run.loadAverageAtEnd)} at end`,
    `- Iterations: ${planLine(run.plan)}`,
    '- All chat traffic goes to the groqmeter simulator over loopback with `timeScale: 0` (no simulated delay); ratios are instrumented / baseline medians, added time is instrumented − baseline median.',
  ].join('\n');
  const tables: Array<[string, string | undefined]> = [
    ['Non-streaming chat call: added time per call', callsTable(run.outcomes)],
    ['Streaming chat: added time per stream and per chunk', streamsTable(run.outcomes)],
    [
      `Memory while consuming one ${formatCount(run.plan.memory.chunks)}-token stream`,
      memoryTable(run.outcomes),
    ],
    [
      'Per-promise tax: a bare workload where groqmeter is not loaded, loaded, or loaded and called',
      promiseTaxTable(run.outcomes),
    ],
    ['Pricing engine: cost computations per second', pricingTable(run.outcomes)],
    ['Exporter: OTLP ingest', ingestTable(run.outcomes)],
    [
      'Exporter: `/metrics` against `@opentelemetry/exporter-prometheus` serving the same series',
      scrapesTable(run.outcomes),
    ],
    [
      'Proxy: groqmeter-proxy against the direct call and a bare pass-through Node proxy',
      proxyTable(run.outcomes),
    ],
  ];
  const sections = [
    '# groqmeter benchmark results',
    header,
    ...tables.flatMap(([title, table]) => (table === undefined ? [] : [`## ${title}`, table])),
  ];
  if (issues.length > 0) sections.push('## Not measured', issues.join('\n'));
  return `${sections.join('\n\n')}\n`;
}
