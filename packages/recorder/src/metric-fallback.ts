import { type Attributes, type Histogram, type Meter, type Observable, ValueType } from '@opentelemetry/api';
import { type FamilyId, METRIC_FAMILIES } from './instruments.js';
import { FAMILY_IDS, MetricStore } from './metric-store.js';
import { GaugeSeries, SdkHistogramSeries, type Series, SumSeries } from './series.js';

/**
 * One store per meter: the SDK hands out the same meter for the same scope, and recorders on one
 * meter must add into the same series (an observable instrument reports one value per label set,
 * so two stores observing the same series would overwrite each other).
 */
const stores = new WeakMap<Meter, MetricStore>();

/**
 * The metrics of recorders without a metric producer, on an ordinary meter. Counters and gauges
 * are accumulated per label set, exactly as with the producer, and reported through observable
 * instruments read at collection time (no attribute hashing per recorded value); histograms have
 * no observable form, so they are the SDK's own, recorded with one cached attributes object per
 * series. The points are the producer's (and the SDK's) with a cumulative reader; with a delta
 * reader the SDK turns the observed sums into deltas itself (an unchanged series then reports a
 * zero delta, and a gauge its last value, every interval).
 */
export function fallbackStore(meter: Meter): MetricStore {
  let store = stores.get(meter);
  if (store === undefined) {
    store = createFallbackStore(meter);
    stores.set(meter, store);
  }
  return store;
}

function createFallbackStore(meter: Meter): MetricStore {
  const histograms = new Map<FamilyId, Histogram>();
  const observables = new Map<FamilyId, Observable>();
  for (const id of FAMILY_IDS) {
    const { name, kind, unit, description, valueType, boundaries } = METRIC_FAMILIES[id];
    if (kind === 'histogram') {
      histograms.set(
        id,
        meter.createHistogram(name, {
          unit,
          description,
          valueType,
          advice: { explicitBucketBoundaries: [...(boundaries ?? [])] },
        }),
      );
    } else if (kind === 'counter') {
      observables.set(id, meter.createObservableCounter(name, { unit, description, valueType }));
    } else {
      observables.set(id, meter.createObservableGauge(name, { unit, description, valueType }));
    }
  }
  const store = new MetricStore((id: FamilyId, attributes: Attributes): Series => {
    const family = METRIC_FAMILIES[id];
    const histogram = histograms.get(id);
    if (histogram !== undefined) return new SdkHistogramSeries(attributes, histogram);
    // Values are checked and truncated as the SDK's synchronous instruments would (see series.ts).
    const integer = family.valueType === ValueType.INT;
    return family.kind === 'counter'
      ? new SumSeries(attributes, integer)
      : new GaugeSeries(attributes, integer);
  });
  meter.addBatchObservableCallback(
    (result) => {
      for (const [id, observable] of observables) {
        for (const series of store.seriesOf(id) as IterableIterator<SumSeries | GaugeSeries>) {
          // A series whose every value was refused has no point, as with the SDK's own instruments.
          if (series.changed) result.observe(observable, series.value, series.attributes);
        }
      }
    },
    [...observables.values()],
  );
  return store;
}
