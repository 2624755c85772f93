import { interpolate } from '@groqmeter/grafana/interpolate';
import { dashboardPanel } from '@groqmeter/grafana/queries';
import type { Ledger } from '@groqmeter/ledger';
import type { BudgetUse } from '../budgets/budget-series.js';
import type { Logger } from '../log/logger.js';
import type { Family } from '../store/metric-store.js';
import { HeadlineHistory, type HistoryResolution } from './headline-history.js';
import { headlineSample } from './headline-sample.js';
import { type LedgerRow, recentOperations } from './ledger-view.js';
import { type ChartData, type ChartRange, memoryCharts, prometheusCharts } from './page-charts.js';
import { type MonthFromPrometheus, type PageSummary, pageSummary } from './page-summary.js';
import { PeriodBaseline, periodBounds } from './period-baseline.js';
import { PrometheusClient } from './prometheus-client.js';
import { StoreView } from './store-view.js';

export interface PageDataOptions {
  /** A swept snapshot of the exporter's store: what `/metrics` would serve now. */
  snapshot(): Family[];
  clock(): number;
  /** The budgets' use at the last reading (the exporter's budgets module). */
  budgets(): readonly BudgetUse[];
  /** Time series from this Prometheus instead of the in-memory history. */
  prometheusUrl?: string;
  /** The ledger, when the operator enabled the ledger view. */
  ledger?: Ledger;
  /** Whether the model catalogue poll is configured. */
  catalogue: boolean;
  logger: Logger;
  /** The history's resolutions (tests shorten them). */
  history?: { fine?: HistoryResolution; day?: HistoryResolution };
}

/** How long a Prometheus answer is reused, so that several open pages cost one set of queries. */
const PROMETHEUS_CACHE_MS = 5_000;
const MTD_SPEND = dashboardPanel('groqmeter-overview', 'Month-to-date spend');
const MTD_FORECAST = dashboardPanel('groqmeter-overview', 'Forecast to month end');

/**
 * Everything the pages show: current values from the store, time series from Prometheus or the
 * bounded in-memory history, the ledger's recent operations. Samples the store into the history
 * every fine step until {@link PageData.stop}.
 */
export class PageData {
  readonly history: HeadlineHistory;
  private readonly prometheus: PrometheusClient | undefined;
  private readonly month = new PeriodBaseline('month');
  private readonly timer: NodeJS.Timeout;
  private readonly cache = new Map<string, { atMs: number; value: Promise<unknown> }>();

  constructor(private readonly options: PageDataOptions) {
    this.history = new HeadlineHistory(options.history?.fine, options.history?.day);
    this.prometheus =
      options.prometheusUrl === undefined ? undefined : new PrometheusClient(options.prometheusUrl);
    this.sample();
    this.timer = setInterval(() => this.sample(), this.history.fineResolution.stepMs);
    this.timer.unref();
  }

  get mode(): 'prometheus' | 'memory' {
    return this.prometheus === undefined ? 'memory' : 'prometheus';
  }

  get ledgerEnabled(): boolean {
    return this.options.ledger !== undefined;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Records the store's headline aggregates into the history, and keeps the period baselines current. */
  sample(): void {
    const nowMs = this.options.clock();
    const sample = headlineSample(new StoreView(this.options.snapshot()));
    this.history.record(nowMs, sample);
    this.month.sinceStart(sample.values.spendUsd, nowMs);
  }

  /** The card and tables, from the store; month-to-date from Prometheus when it answers. */
  async summary(): Promise<PageSummary> {
    const nowMs = this.options.clock();
    const month = await this.monthFromPrometheus(nowMs);
    return pageSummary({
      view: new StoreView(this.options.snapshot()),
      nowMs,
      budgets: this.options.budgets(),
      spendThisMonth: (total) => this.month.sinceStart(total, nowMs),
      recent: this.history.rows('fine'),
      ...(month === undefined ? {} : { month }),
      catalogue: this.options.catalogue,
      ledger: this.ledgerEnabled,
      mode: this.mode,
    });
  }

  /** The charts of `range`. */
  charts(range: ChartRange): Promise<ChartData[]> {
    const fromMemory = memoryCharts(this.history.rows('fine'), this.history.rows('day'), range);
    const prometheus = this.prometheus;
    if (prometheus === undefined) return Promise.resolve(fromMemory);
    return this.cached(`charts:${range}`, () =>
      prometheusCharts(prometheus, range, this.options.clock() / 1000, fromMemory),
    );
  }

  /** The ledger's recent operations; `undefined` when the ledger view is not enabled. */
  async ledgerRows(): Promise<LedgerRow[] | undefined> {
    const ledger = this.options.ledger;
    return ledger && recentOperations(ledger, this.options.clock());
  }

  /**
   * Month-to-date spend and forecast by the Overview dashboard's own queries, `$__range` being the
   * time since the start of the UTC month; `undefined` without Prometheus or when it fails.
   */
  private monthFromPrometheus(nowMs: number): Promise<MonthFromPrometheus | undefined> {
    const prometheus = this.prometheus;
    if (prometheus === undefined) return Promise.resolve(undefined);
    return this.cached('month', async () => {
      const { startMs } = periodBounds('month', nowMs);
      const rangeSeconds = Math.max(1, Math.floor((nowMs - startMs) / 1000));
      const variables = {
        filters: { job: '.*', model: '.*', operation: '.*', feature: '.*' },
        rangeSeconds,
        rateIntervalSeconds: 60,
        intervalSeconds: 60,
      };
      const run = async (expr: string) => {
        const [series] = await prometheus.query(interpolate(expr, variables), nowMs / 1000);
        return series?.points[0]?.[1];
      };
      try {
        const [spend, forecast] = await Promise.all([
          run(MTD_SPEND.targets[0]?.expr ?? ''),
          run(MTD_FORECAST.targets[0]?.expr ?? ''),
        ]);
        // No series: nothing scraped yet this month; the store knows better.
        if (spend === undefined) {
          this.options.logger.debug('pages: Prometheus has no month-to-date spend yet');
          return undefined;
        }
        // The forecast needs the recent spend rate (minutes of data); until then the page extrapolates.
        return forecast === undefined
          ? { spendMonthUsd: spend }
          : { spendMonthUsd: spend, forecastMonthUsd: forecast };
      } catch (error) {
        this.options.logger.warn('pages: month-to-date from Prometheus failed', {
          error: (error as Error).message,
        });
        return undefined;
      }
    });
  }

  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const nowMs = this.options.clock();
    const hit = this.cache.get(key);
    if (hit !== undefined && nowMs - hit.atMs < PROMETHEUS_CACHE_MS) return hit.value as Promise<T>;
    const value = compute();
    this.cache.set(key, { atMs: nowMs, value });
    return value;
  }
}
