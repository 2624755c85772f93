import type { MetricStore } from './metric-store.js';
import type { Labels } from './series.js';

/**
 * Series the exporter writes itself (self-metrics, budgets, the model catalogue) live in the same
 * store as pushed ones, so that a family pushed by apps and written by the exporter (e.g.
 * `groqmeter_dropped_total`) is served once. They bypass the series cap and never go stale.
 */
const EXPORTER_KEY = 'groqmeter-exporter';
const NEVER_STALE = Number.POSITIVE_INFINITY;

/** Adds to an exporter-owned counter series. */
export function countExporterSeries(
  store: MetricStore,
  family: string,
  help: string,
  labels: Labels,
  delta: number,
): void {
  const counter = store.monotonicFamily(family, 'counter', help, true);
  if (typeof counter === 'string') return;
  const series = store.monotonicSeries(counter, sortLabels(labels), [], true);
  if (typeof series === 'string') return;
  series.streamContribution(EXPORTER_KEY, NEVER_STALE)?.applyDelta([delta], NEVER_STALE);
}

/** Sets an exporter-owned gauge series. */
export function setExporterGauge(
  store: MetricStore,
  family: string,
  help: string,
  labels: Labels,
  value: number,
): void {
  const gauge = store.gaugeFamily(family, 'gauge', help, true);
  if (typeof gauge === 'string') return;
  const series = store.gaugeSeries(gauge, sortLabels(labels), true);
  if (typeof series === 'string') return;
  series.setValue(EXPORTER_KEY, 0n, value, NEVER_STALE);
}

function sortLabels(labels: Labels): Labels {
  return [...labels].filter(([, value]) => value !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
