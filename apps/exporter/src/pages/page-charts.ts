import { interpolate } from '@groqmeter/grafana/interpolate';
import { type DashboardPanel, dashboardPanel } from '@groqmeter/grafana/queries';
import { BUCKETS_OFFSET, columnIndex, type HeadlineColumn, type HistoryRows } from './headline-history.js';
import { quantileOf } from './histogram-math.js';
import type { PrometheusClient, PromSeries } from './prometheus-client.js';

/** The ranges the pages chart: the last hour or the last day. */
export type ChartRange = '1h' | '24h';
export const CHART_RANGES: readonly ChartRange[] = ['1h', '24h'];

/** One line (or bar set) of a chart. */
export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** A chart as `/api/charts` answers it: shared x values (unix seconds) and its series. */
export interface ChartData {
  id: string;
  title: string;
  /** The dashboards' unit id (`currencyUSD`, `s`, `percentunit`, `suffix: tok/s`, ...). */
  unit: string;
  source: 'prometheus' | 'memory' | 'none';
  bars: boolean;
  x: number[];
  series: ChartSeries[];
  /** Why the chart is empty or where its data comes from, when it needs saying. */
  note?: string;
  /** The PromQL run, with the variables substituted (Prometheus mode). */
  queries?: string[];
}

type MemoryChart = (history: HistoryRows) => ChartSeries[];

/** A chart of the pages: the dashboard panel whose PromQL it runs, and its in-memory stand-in. */
interface ChartDefinition {
  id: string;
  panel: DashboardPanel;
  memory?: MemoryChart;
  /** The title of the in-memory stand-in, when it shows less than the panel (no per-model split). */
  memoryTitle?: string;
  /** Fixed range and step for charts of a daily pattern. */
  daily?: boolean;
}

const panel = (uid: string, title: string) => dashboardPanel(`groqmeter-${uid}`, title);

/**
 * Every chart of the pages, in page order. The PromQL comes from the dashboard specs
 * (`@groqmeter/grafana`), never a copy.
 */
export const CHARTS: readonly ChartDefinition[] = [
  {
    id: 'spend_rate',
    panel: panel('spend', 'Spend per hour by model'),
    memory: perHour('spendUsd', 'all models'),
    memoryTitle: 'Spend per hour',
  },
  {
    id: 'cumulative_spend',
    panel: panel('spend', 'Cumulative spend by model'),
    memory: cumulative('spendUsd', 'all models'),
    memoryTitle: 'Cumulative spend',
  },
  {
    id: 'tokens_rate',
    panel: panel('spend', 'Tokens per second by type'),
    memory: (history) => [
      { name: 'input', values: ratePerSecond(history, 'inputTokens') },
      { name: 'output', values: ratePerSecond(history, 'outputTokens') },
    ],
  },
  { id: 'spend_per_day', panel: panel('spend', 'Spend per day'), daily: true },
  {
    id: 'duration',
    panel: panel('latency', 'Operation duration'),
    memory: (history) =>
      [0.5, 0.95, 0.99].map((q) => ({ name: `p${q * 100}`, values: durationQuantile(history, q) })),
  },
  { id: 'p95_by_model', panel: panel('latency', 'p95 duration by model') },
  { id: 'ttft', panel: panel('latency', 'Time to first token') },
  { id: 'queue', panel: panel('latency', 'Groq queue time') },
  { id: 'speed', panel: panel('latency', 'Server output speed') },
  {
    id: 'errors',
    panel: panel('latency', 'Errors by type'),
    memory: (history) => [{ name: 'all errors', values: ratePerSecond(history, 'errors') }],
    memoryTitle: 'Errors per second',
  },
  {
    id: 'headroom',
    panel: panel('ratelimits', 'Headroom by model and resource'),
    memory: (history) => [
      { name: 'lowest', values: history.rows.map(({ row }) => valueOrNull(row, 'lowestHeadroom')) },
    ],
  },
  { id: 'reset', panel: panel('ratelimits', 'Time to reset') },
  { id: 'hits', panel: panel('ratelimits', '429 responses per second') },
  { id: 'audio_minutes', panel: panel('audio-tools', 'Transcription minutes per hour') },
  { id: 'tts_characters', panel: panel('audio-tools', 'TTS characters per hour') },
  { id: 'tool_calls', panel: panel('audio-tools', 'Tool calls per hour') },
];

/** Prometheus's scrape interval the rate windows assume (the shipped `prometheus.yml`'s). */
export const ASSUMED_SCRAPE_INTERVAL_SECONDS = 15;
/** Points per range chart. */
const POINTS = 240;
const RANGE_SECONDS: Record<ChartRange, number> = { '1h': 3600, '24h': 86_400 };
const DAILY = { rangeSeconds: 7 * 86_400, stepSeconds: 86_400 };
/** Series per chart: label values are bounded, but a chart stays readable. */
const MAX_SERIES = 16;
const ALL = { job: '.*', model: '.*', operation: '.*', feature: '.*' };

/** The charts from memory: the fine history for `1h`, the day history for `24h`. */
export function memoryCharts(fine: HistoryRows, day: HistoryRows, range: ChartRange): ChartData[] {
  const history = range === '1h' ? fine : day;
  return CHARTS.map((chart) => {
    const base = { id: chart.id, title: chart.panel.title, unit: chart.panel.unit };
    if (chart.daily) {
      const hourly = spendByHour(day);
      return {
        ...base,
        title: 'Spend per hour of the last day',
        unit: 'currencyUSD',
        source: 'memory',
        bars: true,
        ...hourly,
        note: "From the exporter's memory; with --prometheus-url this is the Spend per day panel.",
      };
    }
    if (chart.memory === undefined) {
      return {
        ...base,
        source: 'none',
        bars: false,
        x: [],
        series: [],
        note: 'Charted with --prometheus-url; the table shows the current totals.',
      };
    }
    return {
      ...base,
      title: chart.memoryTitle ?? chart.panel.title,
      source: 'memory',
      bars: false,
      x: history.rows.map(({ timeMs }) => timeMs / 1000),
      series: chart.memory(history),
    };
  });
}

/**
 * The charts from Prometheus, running each panel's PromQL with the dashboards' variables set to
 * All. A chart whose query fails carries the error as its note and falls back to `fallback`.
 */
export async function prometheusCharts(
  client: PrometheusClient,
  range: ChartRange,
  nowSeconds: number,
  fallback: ChartData[],
): Promise<ChartData[]> {
  return Promise.all(
    CHARTS.map(async (chart) => {
      const rangeSeconds = chart.daily ? DAILY.rangeSeconds : RANGE_SECONDS[range];
      const step = chart.daily
        ? DAILY.stepSeconds
        : Math.max(rangeSeconds / POINTS, ASSUMED_SCRAPE_INTERVAL_SECONDS);
      // Ending now, not at a step boundary: the last point (a day's bar) includes the latest spend.
      const end = Math.floor(nowSeconds);
      const start = end - rangeSeconds;
      const variables = {
        filters: ALL,
        rangeSeconds,
        rateIntervalSeconds: Math.max(
          4 * ASSUMED_SCRAPE_INTERVAL_SECONDS,
          step + ASSUMED_SCRAPE_INTERVAL_SECONDS,
        ),
        intervalSeconds: step,
      };
      const queries = chart.panel.targets.map((target) => interpolate(target.expr, variables));
      try {
        const results = await Promise.all(queries.map((query) => client.queryRange(query, start, end, step)));
        const x: number[] = [];
        for (let time = start; time <= end; time += step) x.push(time);
        const series = results
          .flatMap((result, index) =>
            result.map((promSeries) => aligned(promSeries, x, chart.panel.targets[index]?.legend)),
          )
          .slice(0, MAX_SERIES);
        return {
          id: chart.id,
          title: chart.panel.title,
          unit: chart.panel.unit,
          source: 'prometheus' as const,
          bars: chart.daily === true,
          x,
          series,
          queries,
        };
      } catch (error) {
        const fallen = fallback.find((data) => data.id === chart.id);
        return {
          ...(fallen ?? {
            id: chart.id,
            title: chart.panel.title,
            unit: chart.panel.unit,
            bars: false,
            x: [],
            series: [],
          }),
          source: fallen?.source ?? 'none',
          note: `${(error as Error).message}; showing the exporter's memory`,
          queries,
        };
      }
    }),
  );
}

function aligned(series: PromSeries, x: readonly number[], legend: string | undefined): ChartSeries {
  const byTime = new Map(series.points.map(([time, value]) => [time, value]));
  return {
    name: legendOf(series.metric, legend),
    values: x.map((time) => {
      const value = byTime.get(time);
      return value === undefined || !Number.isFinite(value) ? null : value;
    }),
  };
}

/** Grafana's legend template (`{{model}} p50`) filled from a series' labels. */
export function legendOf(metric: Readonly<Record<string, string>>, legend: string | undefined): string {
  if (legend === undefined) {
    const labels = Object.entries(metric).filter(([name]) => name !== '__name__');
    return labels.length === 0 ? 'value' : labels.map(([name, value]) => `${name}=${value}`).join(', ');
  }
  return legend.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => metric[name] ?? '');
}

function valueOrNull(row: Float64Array, column: HeadlineColumn): number | null {
  const value = row[columnIndex(column)] ?? Number.NaN;
  return Number.isFinite(value) ? value : null;
}

/**
 * Per-second growth of a cumulative column between consecutive rows; `null` for the first row and
 * where the total fell (series expired, exporter restarted).
 */
function ratePerSecond(history: HistoryRows, column: HeadlineColumn): (number | null)[] {
  const index = columnIndex(column);
  return history.rows.map(({ timeMs, row }, position) => {
    const previous = history.rows[position - 1];
    if (previous === undefined) return null;
    const growth = (row[index] ?? 0) - (previous.row[index] ?? 0);
    const seconds = (timeMs - previous.timeMs) / 1000;
    return growth < 0 || seconds <= 0 ? null : growth / seconds;
  });
}

function perHour(column: HeadlineColumn, name: string): MemoryChart {
  return (history) => [
    { name, values: ratePerSecond(history, column).map((rate) => (rate === null ? null : rate * 3600)) },
  ];
}

/** Growth since the first row of the range, as the dashboards' cumulative panels count. */
function cumulative(column: HeadlineColumn, name: string): MemoryChart {
  return (history) => {
    const index = columnIndex(column);
    const first = history.rows[0]?.row[index] ?? 0;
    return [{ name, values: history.rows.map(({ row }) => Math.max(0, (row[index] ?? 0) - first)) }];
  };
}

function durationQuantile(history: HistoryRows, q: number): (number | null)[] {
  const bounds = history.durationBounds;
  return history.rows.map(({ row }, position) => {
    const previous = history.rows[position - 1];
    if (previous === undefined || bounds.length === 0) return null;
    const buckets: number[] = [];
    for (let index = 0; index <= bounds.length; index++) {
      const growth = (row[BUCKETS_OFFSET + index] ?? 0) - (previous.row[BUCKETS_OFFSET + index] ?? 0);
      if (!Number.isFinite(growth) || growth < 0) return null;
      buckets.push(growth);
    }
    return quantileOf(q, bounds, buckets) ?? null;
  });
}

/**
 * Spend of each clock hour of the last 24 (its growth within the hour in the day history), for
 * the daily pattern: 0 for an hour without spend, `null` for hours before the history began.
 */
function spendByHour(day: HistoryRows): { x: number[]; series: ChartSeries[] } {
  const index = columnIndex('spendUsd');
  const hourOf = (timeMs: number) => Math.floor(timeMs / 3_600_000) * 3600;
  const hours = new Map<number, number>();
  day.rows.forEach(({ timeMs, row }, position) => {
    const previous = day.rows[position - 1];
    if (previous === undefined) return;
    const growth = (row[index] ?? 0) - (previous.row[index] ?? 0);
    if (growth < 0) return;
    hours.set(hourOf(timeMs), (hours.get(hourOf(timeMs)) ?? 0) + growth);
  });
  const first = day.rows[0];
  const last = day.rows.at(-1);
  if (first === undefined || last === undefined) return { x: [], series: [] };
  const x = Array.from({ length: 24 }, (_, hour) => hourOf(last.timeMs) - (23 - hour) * 3600);
  const values = x.map((hour) => (hour < hourOf(first.timeMs) ? null : (hours.get(hour) ?? 0)));
  return { x, series: [{ name: 'spend', values }] };
}
