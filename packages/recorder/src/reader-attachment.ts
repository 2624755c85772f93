import { diag, type MeterProvider } from '@opentelemetry/api';
import type { MetricProducer } from '@opentelemetry/sdk-metrics';
import {
  createGroqmeterMetricProducer,
  type GroqmeterMetricProducer,
  isGroqmeterMetricProducer,
  producerTemporalityFor,
  storeOfProducer,
} from './metric-producer.js';
import type { MetricStore } from './metric-store.js';

/**
 * The parts of `@opentelemetry/sdk-metrics` 2.x's `MeterProvider` and `MetricReader` read here.
 * They are not public API: every one is checked before use, and anything else means "not an SDK
 * provider we know", which keeps the fallback.
 */
interface SdkReader {
  _metricProducers: MetricProducer[];
  selectAggregation(instrumentType: string): { type?: unknown };
  selectAggregationTemporality(instrumentType: string): unknown;
}

interface SdkMeterProvider {
  _sharedState: {
    viewRegistry: { _registeredViews: unknown[] };
    metricCollectors: { _metricReader: SdkReader }[];
  };
}

/**
 * The instrument types the producer reports as (synchronous counters, gauges and histograms) and
 * those the fallback creates (observable counters and gauges, histograms): the producer stands in
 * only where every reader aggregates them all as the SDK does by default.
 */
const CHECKED_INSTRUMENT_TYPES = ['COUNTER', 'GAUGE', 'HISTOGRAM', 'OBSERVABLE_COUNTER', 'OBSERVABLE_GAUGE'];
/** `AggregationType.DEFAULT`, the SDK's stable value. */
const DEFAULT_AGGREGATION = 0;

/** The store chosen per provider (`null`: none, the fallback applies), decided once. */
const attached = new WeakMap<object, MetricStore | null>();

/**
 * The store of a groqmeter metric producer that reports through every reader of `meterProvider`,
 * attaching one when none is, or `undefined` when the fallback (SDK instruments on the provider's
 * meter) must stay. A producer reports the points SDK synchronous instruments would (same scope,
 * names, units, descriptions, value types, bucket boundaries, values) without hashing attributes
 * per recorded value; it is attached only where that holds for certain:
 * - the provider is `@opentelemetry/sdk-metrics`' own (2.x), with at least one reader;
 * - no view is registered (views do not apply to a producer's metrics);
 * - every reader keeps the default aggregation for these instrument types;
 * - one reader, of any temporality (the producer takes its temporality per instrument type, as the
 *   register entry does for the readers it builds), or several cumulative ones: with delta
 *   temporality a producer hands each collection the values since the previous one, so it cannot
 *   serve two readers.
 *
 * With cumulative readers the fallback reports the same points. With a delta reader it does not
 * quite: its observable counters report a zero delta for a series that did not move, where the
 * producer (as synchronous instruments do) leaves the series out.
 *
 * A groqmeter producer the user already attached to every reader (without passing it to the
 * recorder) is used rather than a second one. Decided once per provider, for every recorder on
 * it: they all add into one store, as recorders on one meter share the SDK's instruments.
 */
export function attachedProducerStore(meterProvider: MeterProvider): MetricStore | undefined {
  let store = attached.get(meterProvider);
  if (store === undefined) {
    try {
      store = attach(meterProvider) ?? null;
    } catch (error) {
      // A reader's selector that throws, or an SDK that changed under us: the fallback is correct.
      diag.debug('groqmeter recorder: could not attach a metric producer; using SDK instruments', error);
      store = null;
    }
    attached.set(meterProvider, store);
  }
  return store ?? undefined;
}

function attach(meterProvider: MeterProvider): MetricStore | undefined {
  const readers = sdkReaders(meterProvider);
  if (readers === undefined || !readers.every(keepsDefaultAggregation)) return undefined;
  const existing = sharedGroqmeterProducer(readers);
  if (existing === null) return undefined;
  if (existing !== undefined) return storeOfProducer(existing);
  const aggregationTemporalitySelector = producerTemporalityFor(readers);
  if (aggregationTemporalitySelector === undefined) return undefined;
  const producer = createGroqmeterMetricProducer({ aggregationTemporalitySelector });
  // A new list per reader: the reader's own may be the array its options were given, which the
  // app owns and may have handed to several readers.
  for (const reader of readers) reader._metricProducers = [...reader._metricProducers, producer];
  return storeOfProducer(producer);
}

/** The provider's readers, when it is an SDK `MeterProvider` without views. */
function sdkReaders(meterProvider: MeterProvider): SdkReader[] | undefined {
  const state = (meterProvider as Partial<SdkMeterProvider>)._sharedState;
  const views = state?.viewRegistry?._registeredViews;
  const collectors = state?.metricCollectors;
  if (!Array.isArray(views) || views.length > 0 || !Array.isArray(collectors) || collectors.length === 0) {
    return undefined;
  }
  const readers: SdkReader[] = [];
  for (const collector of collectors) {
    const reader = collector?._metricReader;
    if (
      !Array.isArray(reader?._metricProducers) ||
      typeof reader.selectAggregation !== 'function' ||
      typeof reader.selectAggregationTemporality !== 'function'
    ) {
      return undefined;
    }
    readers.push(reader);
  }
  return readers;
}

function keepsDefaultAggregation(reader: SdkReader): boolean {
  return CHECKED_INSTRUMENT_TYPES.every(
    (type) => reader.selectAggregation(type)?.type === DEFAULT_AGGREGATION,
  );
}

/**
 * The groqmeter producer already on the readers: `undefined` when none is, the producer when every
 * reader has the same one, `null` when they differ (no single store serves them all).
 */
function sharedGroqmeterProducer(readers: SdkReader[]): GroqmeterMetricProducer | undefined | null {
  const found = readers.map((reader) => reader._metricProducers.find(isGroqmeterMetricProducer));
  if (found.every((producer) => producer === undefined)) return undefined;
  return found.every((producer) => producer === found[0]) ? found[0] : null;
}
