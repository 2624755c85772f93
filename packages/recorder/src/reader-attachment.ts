import { diag, type MeterProvider } from '@opentelemetry/api';
import type { MetricProducer } from '@opentelemetry/sdk-metrics';
import {
  createGroqmeterMetricProducer,
  type GroqmeterMetricProducer,
  isGroqmeterMetricProducer,
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
 * The instrument types the fallback creates (observable counters and gauges, histograms): the
 * producer stands in for them only where every reader treats them as the SDK's defaults would.
 */
const FALLBACK_INSTRUMENT_TYPES = ['OBSERVABLE_COUNTER', 'OBSERVABLE_GAUGE', 'HISTOGRAM'];
/** `AggregationType.DEFAULT` and `AggregationTemporality.CUMULATIVE`, the SDK's stable values. */
const DEFAULT_AGGREGATION = 0;
const CUMULATIVE = 1;

/** The store chosen per provider (`null`: none, the fallback applies), decided once. */
const attached = new WeakMap<object, MetricStore | null>();

/**
 * The store of a groqmeter metric producer that reports through every reader of `meterProvider`,
 * attaching one when none is, or `undefined` when the fallback (SDK instruments on the provider's
 * meter) must stay. A producer reports the very points the fallback's instruments would (same
 * scope, names, units, descriptions, value types, bucket boundaries, values) without hashing
 * attributes per recorded value; it is attached only where that holds for certain:
 * - the provider is `@opentelemetry/sdk-metrics`' own (2.x), with at least one reader;
 * - no view is registered (views do not apply to a producer's metrics);
 * - every reader keeps the default aggregation and cumulative temporality for the fallback's
 *   instrument types (with delta temporality the SDK reports unchanged series as zero deltas,
 *   a producer leaves them out).
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
  if (readers === undefined || !readers.every(keepsDefaults)) return undefined;
  const existing = sharedGroqmeterProducer(readers);
  if (existing === null) return undefined;
  if (existing !== undefined) return storeOfProducer(existing);
  const producer = createGroqmeterMetricProducer();
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

function keepsDefaults(reader: SdkReader): boolean {
  return FALLBACK_INSTRUMENT_TYPES.every(
    (type) =>
      reader.selectAggregation(type)?.type === DEFAULT_AGGREGATION &&
      reader.selectAggregationTemporality(type) === CUMULATIVE,
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
