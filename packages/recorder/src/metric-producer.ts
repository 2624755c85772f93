import { type Attributes, type HrTime, ValueType } from '@opentelemetry/api';
import type {
  AggregationTemporality,
  CollectionResult,
  DataPointType,
  InstrumentType,
  MetricData,
  MetricProducer,
  ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { type FamilyId, METRIC_FAMILIES, type MetricKind } from './instruments.js';
import { FAMILY_IDS, MetricStore } from './metric-store.js';
import { SEMCONV_SCHEMA_URL } from './semconv.js';
import { GaugeSeries, HistogramSeries, hrTimeOf, type Series, SumSeries } from './series.js';
import { RECORDER_SCOPE_NAME, RECORDER_VERSION } from './version.js';

// The SDK's enum values, spelled out: `@opentelemetry/sdk-metrics` is only a type import here, so
// the recorder loads without it (its numeric and string values are part of its stable API).
const DELTA = 0 as AggregationTemporality.DELTA;
const CUMULATIVE = 1 as AggregationTemporality.CUMULATIVE;
const HISTOGRAM_POINTS = 0 as DataPointType.HISTOGRAM;
const GAUGE_POINTS = 2 as DataPointType.GAUGE;
const SUM_POINTS = 3 as DataPointType.SUM;
const INSTRUMENT_TYPE: Record<MetricKind, InstrumentType> = {
  counter: 'COUNTER' as InstrumentType.COUNTER,
  gauge: 'GAUGE' as InstrumentType.GAUGE,
  histogram: 'HISTOGRAM' as InstrumentType.HISTOGRAM,
};

/** Anything that says which temporality it wants per instrument type: a metric reader or exporter. */
export interface TemporalityPreference {
  selectAggregationTemporality(instrumentType: InstrumentType): unknown;
}

/**
 * The `aggregationTemporalitySelector` of one groqmeter producer serving all of `readers`, or
 * `undefined` when none can: a single reader's own temporality per instrument type, cumulative
 * for several readers when every one is cumulative. A delta producer hands each collection the
 * values recorded since the previous one, so it serves one reader only; a temporality the SDK does
 * not define also gives `undefined`. The register entry and the recorder's own attachment to a
 * provider's readers both decide by this.
 */
export function producerTemporalityFor(
  readers: readonly TemporalityPreference[],
): ((instrumentType: InstrumentType) => AggregationTemporality) | undefined {
  if (readers.length === 0) return undefined;
  const chosen = new Map<InstrumentType, AggregationTemporality>();
  for (const type of Object.values(INSTRUMENT_TYPE)) {
    const temporalities = readers.map((reader) => reader.selectAggregationTemporality(type));
    const [first] = temporalities;
    if (first !== DELTA && first !== CUMULATIVE) return undefined;
    if (readers.length > 1 && !temporalities.every((temporality) => temporality === CUMULATIVE)) {
      return undefined;
    }
    chosen.set(type, first);
  }
  return (type) => chosen.get(type) ?? CUMULATIVE;
}

/** Options of {@link createGroqmeterMetricProducer}. */
export interface GroqmeterMetricProducerOptions {
  /**
   * The temporality per instrument type, as the reader's exporter wants it. A producer cannot see
   * its reader's preference, so pass the exporter's own selector, e.g.
   * `(type) => exporter.selectAggregationTemporality(type)` for an OTLP exporter configured by
   * `OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE`. Default: cumulative for every instrument
   * (what Prometheus and the SDK's default reader use). Asked once per instrument type, when the
   * producer is created.
   */
  aggregationTemporalitySelector?: (instrumentType: InstrumentType) => AggregationTemporality;
}

/**
 * The recorder's metrics as an OTel `MetricProducer`: hand it to your metric reader
 * (`new PeriodicExportingMetricReader({ exporter, metricProducers: [producer] })`, or any reader's
 * `metricProducers` option) and to every recorder or adapter that should report through it
 * (`metricProducer` option). Its points are the ones the SDK's instruments would have produced
 * (same scope, names, units, descriptions, value types, bucket boundaries, values), but they are
 * accumulated per label set as operations finish and read only when the reader collects: no
 * attribute hashing per recorded value.
 *
 * One producer serves one reader: with delta temporality each collection takes the values
 * recorded since the previous one. SDK views do not apply to its metrics (the reader merges them
 * after the SDK's own), nor does the SDK's cardinality limit: the recorder's series cap bounds the
 * attribution labels.
 */
export interface GroqmeterMetricProducer extends MetricProducer {}

/** The accumulators of each producer, kept out of its public type. */
const stores = new WeakMap<GroqmeterMetricProducer, MetricStore>();

/** Whether `producer` was made by {@link createGroqmeterMetricProducer} (in this copy of the recorder). */
export function isGroqmeterMetricProducer(producer: unknown): producer is GroqmeterMetricProducer {
  return stores.has(producer as GroqmeterMetricProducer);
}

/** The accumulators `producer` reads at collection time (for the recorders it was given to). */
export function storeOfProducer(producer: GroqmeterMetricProducer): MetricStore {
  const store = stores.get(producer);
  if (store === undefined) {
    throw new Error(
      'groqmeter recorder: metricProducer was not created by createGroqmeterMetricProducer(); ' +
        'pass the producer that function returned.',
    );
  }
  return store;
}

/** A series that accumulates its values until the reader collects them. */
function accumulatingSeries(familyId: FamilyId, attributes: Attributes): Series {
  const family = METRIC_FAMILIES[familyId];
  const integer = family.valueType === ValueType.INT;
  if (family.kind === 'counter') return new SumSeries(attributes, integer);
  if (family.kind === 'gauge') return new GaugeSeries(attributes, integer);
  return new HistogramSeries(attributes, integer, family.boundaries ?? []);
}

/**
 * The recorder scope, as the SDK reports the recorder's meter. The resource is the reader's: the
 * SDK replaces a producer's resource with its own, so this one stays empty.
 */
const SCOPE = { name: RECORDER_SCOPE_NAME, version: RECORDER_VERSION, schemaUrl: SEMCONV_SCHEMA_URL };
const NO_RESOURCE = { attributes: {} } as unknown as ResourceMetrics['resource'];

/** Create a {@link GroqmeterMetricProducer} (see there for how to attach it). */
export function createGroqmeterMetricProducer(
  options: GroqmeterMetricProducerOptions = {},
): GroqmeterMetricProducer {
  const select = options.aggregationTemporalitySelector ?? (() => CUMULATIVE);
  const temporality: Record<MetricKind, AggregationTemporality> = {
    counter: select(INSTRUMENT_TYPE.counter),
    gauge: select(INSTRUMENT_TYPE.gauge),
    histogram: select(INSTRUMENT_TYPE.histogram),
  };
  const store = new MetricStore(accumulatingSeries);
  const producer: GroqmeterMetricProducer = {
    // Synchronous under the promise: two collections never interleave, and with delta temporality
    // every recorded value goes to exactly one of them.
    collect: async (): Promise<CollectionResult> => {
      const endTime = hrTimeOf(Date.now());
      const metrics: MetricData[] = [];
      for (const family of FAMILY_IDS) {
        const descriptor = METRIC_FAMILIES[family];
        const data = metricData(store, family, temporality[descriptor.kind], endTime);
        if (data !== undefined) metrics.push(data);
      }
      return {
        resourceMetrics: {
          resource: NO_RESOURCE,
          scopeMetrics: metrics.length > 0 ? [{ scope: SCOPE, metrics }] : [],
        },
        errors: [],
      };
    },
  };
  stores.set(producer, store);
  return producer;
}

/** One family's points, or `undefined` when it has none (the SDK leaves such a metric out). */
function metricData(
  store: MetricStore,
  family: FamilyId,
  temporality: AggregationTemporality,
  endTime: HrTime,
): MetricData | undefined {
  const { name, description, unit, valueType, kind, boundaries } = METRIC_FAMILIES[family];
  const descriptor = { name, description, unit, valueType };
  const delta = temporality === DELTA;
  if (kind === 'histogram') {
    const bucketBoundaries = [...(boundaries ?? [])];
    const dataPoints = [];
    for (const series of store.seriesOf(family) as IterableIterator<HistogramSeries>) {
      if (!series.changed) continue;
      dataPoints.push({
        attributes: series.attributes,
        startTime: series.startTime,
        endTime,
        value: {
          buckets: { boundaries: bucketBoundaries, counts: delta ? series.counts : [...series.counts] },
          count: series.count,
          sum: series.sum,
          min: series.min,
          max: series.max,
        },
      });
      if (delta) {
        series.reset();
        series.changed = false;
        series.startTime = endTime;
      }
    }
    if (dataPoints.length === 0) return undefined;
    return { descriptor, aggregationTemporality: temporality, dataPointType: HISTOGRAM_POINTS, dataPoints };
  }
  const dataPoints = [];
  for (const series of store.seriesOf(family) as IterableIterator<SumSeries | GaugeSeries>) {
    if (!series.changed) continue;
    dataPoints.push({
      attributes: series.attributes,
      startTime: series.startTime,
      endTime,
      value: series.value,
    });
    if (delta) {
      if (series instanceof SumSeries) series.value = 0;
      series.changed = false;
      series.startTime = endTime;
    }
  }
  if (dataPoints.length === 0) return undefined;
  if (kind === 'gauge') {
    return { descriptor, aggregationTemporality: temporality, dataPointType: GAUGE_POINTS, dataPoints };
  }
  return {
    descriptor,
    aggregationTemporality: temporality,
    dataPointType: SUM_POINTS,
    dataPoints,
    isMonotonic: true,
  };
}
