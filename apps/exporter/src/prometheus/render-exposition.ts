import { Counter, Gauge, Histogram, Registry, type RegistryContentType } from 'prom-client';
import type { Family, GaugeFamily, MonotonicFamily } from '../store/metric-store.js';
import type { Labels } from '../store/series.js';

/** The two exposition formats `/metrics` serves. */
export type ExpositionFormat = 'prometheus' | 'openmetrics';

/** A rendered scrape body. */
export interface Exposition {
  contentType: string;
  body: string;
}

/** exporter-prometheus writes this when an instrument has no description; promtool wants help text. */
const MISSING_HELP = 'description missing';

type Sample = { value: number; labels: Record<string, string>; metricName?: string };
type FamilyObject = {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  aggregator: 'sum';
  values: Sample[];
};

/**
 * Renders the store's families through prom-client registries.
 *
 * prom-client's own metric types cannot hold what OTLP sends (a counter set to an absolute
 * cumulative value, per-series histogram buckets), so each family is a prom-client metric whose
 * `get()` reads the store, and prom-client formats the text. A fresh registry per scrape also
 * sidesteps prom-client renaming counters in place when it renders OpenMetrics: the OpenMetrics
 * side is handed the family name without `_total` (prom-client adds it to every sample), the
 * Prometheus side the full name, so both formats yield the same series names.
 */
export async function renderExposition(
  families: readonly Family[],
  format: ExpositionFormat,
): Promise<Exposition> {
  const registry = new Registry<RegistryContentType>();
  registry.setContentType(
    format === 'openmetrics' ? Registry.OPENMETRICS_CONTENT_TYPE : Registry.PROMETHEUS_CONTENT_TYPE,
  );
  for (const family of families) registerFamily(registry, family, format);
  return { contentType: registry.contentType, body: await registry.metrics() };
}

function registerFamily(
  registry: Registry<RegistryContentType>,
  family: Family,
  format: ExpositionFormat,
): void {
  const config = { name: family.name, help: family.help || MISSING_HELP, registers: [registry] };
  switch (family.kind) {
    case 'counter': {
      const name = format === 'openmetrics' ? family.name.replace(/_total$/, '') : family.name;
      new StoreCounter(config, () => ({
        ...familyObject(family, 'counter'),
        name,
        values: counterSamples(family),
      }));
      return;
    }
    case 'histogram':
      new StoreHistogram(config, () => ({
        ...familyObject(family, 'histogram'),
        values: histogramSamples(family),
      }));
      return;
    case 'gauge':
    case 'updown':
      new StoreGauge(config, () => ({ ...familyObject(family, 'gauge'), values: gaugeSamples(family) }));
      return;
  }
}

function familyObject(family: Family, type: FamilyObject['type']): Omit<FamilyObject, 'values'> {
  return { name: family.name, help: family.help || MISSING_HELP, type, aggregator: 'sum' };
}

type MetricConfig = { name: string; help: string; registers: Registry<RegistryContentType>[] };

/**
 * prom-client's typings declare a family's `type` as a numeric enum that does not exist at
 * runtime, where the registry reads the strings `counter`, `gauge`, `histogram`; this is the one
 * place that bridges the two.
 */
type PromClientFamily = Awaited<ReturnType<Counter['get']>>;

function toPromClient(family: FamilyObject): PromClientFamily {
  return family as unknown as PromClientFamily;
}

class StoreCounter extends Counter {
  constructor(
    config: MetricConfig,
    private readonly read: () => FamilyObject,
  ) {
    super(config);
  }
  override async get(): Promise<PromClientFamily> {
    return toPromClient(this.read());
  }
}

class StoreGauge extends Gauge {
  constructor(
    config: MetricConfig,
    private readonly read: () => FamilyObject,
  ) {
    super(config);
  }
  override async get(): Promise<PromClientFamily> {
    return toPromClient(this.read());
  }
}

class StoreHistogram extends Histogram {
  constructor(
    config: MetricConfig,
    private readonly read: () => FamilyObject,
  ) {
    super(config);
  }
  override async get(): Promise<PromClientFamily> {
    return toPromClient(this.read());
  }
  /** The registry renders histograms through this (untyped) method rather than `get()`. */
  async getForPromString(): Promise<PromClientFamily> {
    return this.get();
  }
}

function labelObject(labels: Labels): Record<string, string> {
  return Object.fromEntries(labels);
}

function counterSamples(family: MonotonicFamily): Sample[] {
  return [...family.series.values()].map((series) => ({
    labels: labelObject(series.labels),
    value: series.value()[0]!,
  }));
}

function gaugeSamples(family: GaugeFamily): Sample[] {
  return [...family.series.values()].map((series) => ({
    labels: labelObject(series.labels),
    value: series.value(),
  }));
}

/** Buckets (cumulative, `le` as exporter-prometheus writes it), then `_sum` and `_count`. */
function histogramSamples(family: MonotonicFamily): Sample[] {
  const samples: Sample[] = [];
  for (const series of family.series.values()) {
    const labels = labelObject(series.labels);
    const [count, sum, ...buckets] = series.value();
    let cumulative = 0;
    buckets.forEach((bucket, index) => {
      cumulative += bucket;
      const bound = series.bounds[index];
      samples.push({
        metricName: `${family.name}_bucket`,
        labels: { ...labels, le: bound === undefined ? '+Inf' : String(bound) },
        value: cumulative,
      });
    });
    if (series.sumKnown) samples.push({ metricName: `${family.name}_sum`, labels, value: sum! });
    samples.push({ metricName: `${family.name}_count`, labels, value: count! });
  }
  return samples;
}
