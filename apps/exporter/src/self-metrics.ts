import { type DropReason, Family, Label } from './contract-names.js';
import { countExporterSeries, setExporterGauge } from './store/exporter-series.js';
import type { MetricStore } from './store/metric-store.js';

/** How a `POST /v1/metrics` ended. */
export type PushOutcome =
  | 'success'
  | 'partial'
  | 'bad_payload'
  | 'unauthorized'
  | 'too_large'
  | 'unsupported_media_type'
  | 'unavailable'
  | 'failed';

const HELP = {
  dropped: 'Telemetry the system refused or could not process, by reason',
  pushes: 'OTLP metric pushes received by the exporter, by outcome',
  dataPoints: 'OTLP data points the exporter accepted',
  series: 'Series the exporter currently serves',
  cataloguePolls: 'Groq model catalogue polls, by outcome',
} as const;

/** The exporter's own metrics: `groqmeter_exporter_*` and `groqmeter_dropped_total`. */
export class SelfMetrics {
  constructor(private readonly store: MetricStore) {}

  dropped(reason: DropReason, count = 1): void {
    countExporterSeries(this.store, Family.dropped, HELP.dropped, [[Label.reason, reason]], count);
  }

  /** Creates the always-present series at 0, so `rate()` has a start point. */
  initialize(): void {
    this.push('success', 0);
    this.dataPoints(0);
    this.updateSeriesCount();
  }

  dataPoints(count: number): void {
    countExporterSeries(this.store, Family.dataPoints, HELP.dataPoints, [], count);
  }

  cataloguePoll(outcome: 'success' | 'failure'): void {
    countExporterSeries(this.store, Family.cataloguePolls, HELP.cataloguePolls, [['outcome', outcome]], 1);
  }

  push(outcome: PushOutcome, count = 1): void {
    countExporterSeries(this.store, Family.pushes, HELP.pushes, [['outcome', outcome]], count);
  }

  /** Refreshes `groqmeter_exporter_series` (which counts itself); call before rendering. */
  updateSeriesCount(): void {
    setExporterGauge(this.store, Family.series, HELP.series, [], 0);
    setExporterGauge(this.store, Family.series, HELP.series, [], this.store.seriesCount());
  }
}
