import { createHash } from 'node:crypto';
import type {
  Attributes,
  GaugeData,
  HistogramData,
  Metric,
  MetricsRequest,
  ResourceMetrics,
  SumData,
  Temporality,
} from '@groqmeter/otlp';
import { type DropReason, Family, Instrument, Label } from '../contract-names.js';
import type { CentralPricing, UsageIncrease } from '../pricing/central-pricing.js';
import { parseLabelText } from '../prometheus/label-text.js';
import { type PrometheusMetricType, prometheusMetricName } from '../prometheus/prometheus-names.js';
import {
  HISTOGRAM_RESERVED,
  type RenderedLabels,
  type ResourceIdentity,
  resourceIdentity,
  SeriesLabeler,
  scopeLabels,
} from '../prometheus/series-labels.js';
import type {
  FamilyRefusal,
  GaugeFamily,
  GaugeKind,
  MetricStore,
  MonotonicFamily,
  MonotonicKind,
  StoreRefusal,
} from '../store/metric-store.js';
import type { MonotonicSeries } from '../store/series.js';
import {
  DEFAULT_INGEST_LIMITS,
  type IngestLimits,
  labelSetRefusal,
  labelShapeRefusal,
  quoted,
} from './ingest-limits.js';
import { RejectionTally } from './rejection-tally.js';
import { contractKindOf, isExporterOwned } from './reserved-families.js';

/** What became of one push. */
export interface IngestResult {
  /** Points stored (or deliberately ignored: staleness markers, pushed cost under `--reprice`). */
  acceptedPoints: number;
  /** Points refused, reported back to the sender as `partial_success`. */
  rejected: RejectionTally;
  /** Work the exporter could not do on accepted points (central pricing, target_info). */
  exporterDrops: Map<DropReason, number>;
  /** Metrics refused as a whole for their kind (exponential histograms, summaries). */
  unsupportedMetrics: number;
}

const TARGET_INFO_HELP = 'Target metadata';

/** Points of one metric applied in one slice. */
const SLICE_POINTS = 1000;
/** How long {@link MetricsIngester.ingestSliced} keeps the event loop before letting it run. */
const SLICE_BUDGET_MS = 10;

function emptyResult(): IngestResult {
  return {
    acceptedPoints: 0,
    rejected: new RejectionTally(),
    exporterDrops: new Map(),
    unsupportedMetrics: 0,
  };
}

/**
 * A metric as copies of at most {@link SLICE_POINTS} points each (itself when smaller); its
 * skipped points go with the first. Unsupported kinds stay whole: they are refused as a whole.
 */
function metricSlices(metric: Metric): Metric[] {
  const { data } = metric;
  if (
    (data.kind !== 'sum' && data.kind !== 'gauge' && data.kind !== 'histogram') ||
    data.points.length <= SLICE_POINTS
  ) {
    return [metric];
  }
  const slices: Metric[] = [];
  for (let start = 0; start < data.points.length; start += SLICE_POINTS) {
    const points = data.points.slice(start, start + SLICE_POINTS);
    slices.push({
      ...metric,
      skippedPoints: start === 0 ? metric.skippedPoints : 0,
      data: { ...data, points } as typeof data,
    });
  }
  return slices;
}

/** Where a metric's points go: the labels every point gets and the sender's identity. */
interface MetricContext {
  identity: ResourceIdentity;
  /** Labels of sum and gauge points. */
  labeler: SeriesLabeler;
  /** Labels of histogram points (`le` reserved). */
  histogramLabeler: SeriesLabeler;
  streamKeys: StreamKeys;
  nowMs: number;
  result: IngestResult;
  usage: UsageIncrease[];
}

/**
 * Applies validated OTLP metrics to the store: sums, gauges and explicit-bucket histograms map
 * to counters, gauges and histograms named as exporter-prometheus names them; usage counters are
 * handed to central pricing.
 */
export class MetricsIngester {
  constructor(
    private readonly store: MetricStore,
    private readonly pricing: CentralPricing,
    private readonly limits: IngestLimits = DEFAULT_INGEST_LIMITS,
  ) {}

  /** Applies a request at once. */
  ingest(request: MetricsRequest, nowMs: number): IngestResult {
    const result = emptyResult();
    for (const _ of this.slices(request, nowMs, result)) {
      // Every slice is applied as the generator runs.
    }
    return result;
  }

  /**
   * Applies a request slice by slice (at most {@link SLICE_POINTS} points each), letting the
   * event loop run whenever one turn has taken {@link SLICE_BUDGET_MS}: a push of megabytes never
   * holds scrapes, health checks or other pushes for long. A scrape between two slices sees the
   * push in part, as it would see one of two pushes.
   */
  async ingestSliced(request: MetricsRequest, nowMs: number): Promise<IngestResult> {
    const result = emptyResult();
    let turnStart = performance.now();
    for (const _ of this.slices(request, nowMs, result)) {
      if (performance.now() - turnStart < SLICE_BUDGET_MS) continue;
      await new Promise((resolve) => setImmediate(resolve));
      turnStart = performance.now();
    }
    return result;
  }

  /** Applies the request in slices, yielding after each. */
  private *slices(request: MetricsRequest, nowMs: number, result: IngestResult): Generator<void> {
    for (const resource of request.resourceMetrics) yield* this.ingestResource(resource, nowMs, result);
  }

  private *ingestResource(resource: ResourceMetrics, nowMs: number, result: IngestResult): Generator<void> {
    const identity = resourceIdentity(resource.attributes);
    this.recordTargetInfo(identity, nowMs, result);
    if (!this.pricing.reprice) this.notePushedCosts(resource, identity, nowMs);
    const usage: UsageIncrease[] = [];
    for (const { scope, metrics } of resource.scopeMetrics) {
      const fixedLabels = [...identity.targetLabels, ...scopeLabels(scope)];
      const context: MetricContext = {
        identity,
        labeler: new SeriesLabeler(fixedLabels),
        histogramLabeler: new SeriesLabeler(fixedLabels, HISTOGRAM_RESERVED),
        streamKeys: new StreamKeys(
          JSON.stringify([identity.key, scope.name, scope.version, scope.schemaUrl]),
        ),
        nowMs,
        result,
        usage,
      };
      for (const metric of metrics) {
        for (const slice of metricSlices(metric)) {
          this.ingestMetric(slice, context);
          yield;
        }
      }
    }
    for (const [reason, count] of this.pricing.apply(identity.key, usage, nowMs)) {
      addDrop(result.exporterDrops, reason, count);
    }
  }

  private ingestMetric(metric: Metric, context: MetricContext): void {
    const { result } = context;
    result.acceptedPoints += metric.skippedPoints;
    const { data } = metric;
    switch (data.kind) {
      case 'exponential_histogram':
      case 'summary':
        result.rejected.add(
          'unsupported_metric',
          data.pointCount,
          `${quoted(metric.name)} is a${data.kind === 'summary' ? ' summary' : 'n exponential histogram'}; only sums, gauges and explicit-bucket histograms are served`,
        );
        result.unsupportedMetrics++;
        return;
      case 'sum':
        if (this.pricing.reprice && metric.name === Instrument.cost) {
          result.acceptedPoints += data.points.length;
          return;
        }
        if (data.monotonic) this.ingestCounter(metric, data, context);
        else this.ingestGauge(metric, data, context);
        return;
      case 'gauge':
        this.ingestGauge(metric, data, context);
        return;
      case 'histogram':
        this.ingestHistogram(metric, data, context);
        return;
    }
  }

  private ingestCounter(metric: Metric, data: SumData, context: MetricContext): void {
    const { labeler, nowMs, result } = context;
    const family = this.monotonicFamily(metric, 'counter', data.points.length, result);
    if (!family) return;
    const streams = context.streamKeys.ofMetric(metric.name, data.temporality);
    const priced = this.pricing.prices(metric.name);
    const values = [0];
    for (const point of data.points) {
      if (!Number.isFinite(point.value) || point.value < 0) {
        result.rejected.add(
          'invalid_value',
          1,
          `${quoted(metric.name)} is a monotonic sum; its values must be finite and not negative`,
        );
        continue;
      }
      const labels = this.pointLabels(labeler, point.attributes, family.name, result);
      if (!labels) continue;
      const series = this.store.monotonicSeriesOf(family, labels.text, labels.estimateBytes);
      if (typeof series === 'string') {
        this.refuse(series, family.name, result);
        continue;
      }
      values[0] = point.value;
      const increase = addToStream(series, streams, point, labels, values, nowMs, this.store.startedAtNs);
      if (increase === undefined) {
        this.refuse('stream_cap', family.name, result);
        continue;
      }
      result.acceptedPoints++;
      // Central pricing takes growth only: the labels of a point that did not grow (an unchanged
      // cumulative counter, pushed again) would be parsed for nothing.
      if (priced && !(increase <= 0)) {
        context.usage.push({
          instrument: metric.name,
          labels: parseLabelText(labels.text),
          increase,
          timeUnixNano: point.timeUnixNano,
        });
      }
    }
  }

  private ingestGauge(metric: Metric, data: GaugeData | SumData, context: MetricContext): void {
    const { identity, labeler, nowMs, result } = context;
    const kind = data.kind === 'sum' ? 'updown' : 'gauge';
    const family = this.gaugeFamily(metric, kind, data.points.length, result);
    if (!family) return;
    const isDelta = data.kind === 'sum' && data.temporality === 'delta';
    for (const point of data.points) {
      if (Number.isNaN(point.value)) {
        result.rejected.add('invalid_value', 1, `${quoted(metric.name)} sent NaN`);
        continue;
      }
      const labels = this.pointLabels(labeler, point.attributes, family.name, result);
      if (!labels) continue;
      const series = this.store.gaugeSeriesOf(family, labels.text, labels.estimateBytes);
      if (typeof series === 'string') {
        this.refuse(series, family.name, result);
        continue;
      }
      const stored = isDelta
        ? series.addValue(identity.key, point.timeUnixNano, point.value, nowMs)
        : series.setValue(identity.key, point.timeUnixNano, point.value, nowMs);
      if (!stored) {
        this.refuse('stream_cap', family.name, result);
        continue;
      }
      result.acceptedPoints++;
    }
  }

  private ingestHistogram(metric: Metric, data: HistogramData, context: MetricContext): void {
    const { histogramLabeler, nowMs, result } = context;
    const family = this.monotonicFamily(metric, 'histogram', data.points.length, result);
    if (!family) return;
    const streams = context.streamKeys.ofMetric(metric.name, data.temporality);
    const values: number[] = [];
    for (const point of data.points) {
      if (point.sum !== undefined && !Number.isFinite(point.sum)) {
        result.rejected.add('invalid_value', 1, `${quoted(metric.name)} sent a sum of ${point.sum}`);
        continue;
      }
      const labels = this.pointLabels(histogramLabeler, point.attributes, family.name, result);
      if (!labels) continue;
      const series = this.store.monotonicSeriesOf(
        family,
        labels.text,
        labels.estimateBytes,
        point.explicitBounds,
      );
      if (typeof series === 'string') {
        this.refuse(series, family.name, result);
        continue;
      }
      // `[count, sum, ...buckets]`, in one array reused point after point.
      values[0] = point.count;
      values[1] = point.sum ?? 0;
      const { bucketCounts } = point;
      if (bucketCounts.length > 0) {
        for (let index = 0; index < bucketCounts.length; index++) values[2 + index] = bucketCounts[index]!;
        values.length = 2 + bucketCounts.length;
      } else {
        values[2] = point.count;
        values.length = 3;
      }
      const increase = addToStream(series, streams, point, labels, values, nowMs, this.store.startedAtNs);
      if (increase === undefined) {
        this.refuse('stream_cap', family.name, result);
        continue;
      }
      if (point.sum === undefined) series.sumKnown = false;
      result.acceptedPoints++;
    }
  }

  /** The counter or histogram family of a metric, or `undefined` when all its points are refused. */
  private monotonicFamily(
    metric: Metric,
    kind: MonotonicKind,
    pointCount: number,
    result: IngestResult,
  ): MonotonicFamily | undefined {
    const name = this.familyName(metric, kind, kind, pointCount, result);
    if (name === undefined) return undefined;
    const family = this.store.monotonicFamily(name, kind, metric.description);
    if (typeof family !== 'string') return family;
    refuseFamily(family, name, `a ${kind}`, pointCount, result);
    return undefined;
  }

  /** The gauge family of a metric, or `undefined` when all its points are refused. */
  private gaugeFamily(
    metric: Metric,
    kind: GaugeKind,
    pointCount: number,
    result: IngestResult,
  ): GaugeFamily | undefined {
    const name = this.familyName(metric, 'gauge', kind, pointCount, result);
    if (name === undefined) return undefined;
    const family = this.store.gaugeFamily(name, kind, metric.description);
    if (typeof family !== 'string') return family;
    refuseFamily(family, name, kind === 'gauge' ? 'a gauge' : 'a non-monotonic sum', pointCount, result);
    return undefined;
  }

  /**
   * The Prometheus family name of a metric, or `undefined` (its points refused and counted) when
   * the name is unusable, too long, one of the exporter's own, or a contract family of another type.
   */
  private familyName(
    metric: Metric,
    type: PrometheusMetricType,
    kind: MonotonicKind | GaugeKind,
    pointCount: number,
    result: IngestResult,
  ): string | undefined {
    if (metric.name.length > this.limits.maxNameLength) {
      result.rejected.add(
        'name_too_long',
        pointCount,
        `${quoted(metric.name)} is longer than ${this.limits.maxNameLength} characters`,
      );
      return undefined;
    }
    const name = prometheusMetricName(metric.name, type);
    if (name === undefined) {
      result.rejected.add(
        'invalid_name',
        pointCount,
        `${quoted(metric.name)} has no character usable in a Prometheus name`,
      );
      return undefined;
    }
    if (isExporterOwned(name)) {
      result.rejected.add('reserved_name', pointCount, `${name} is the exporter's own metric; rename yours`);
      return undefined;
    }
    const contractKind = contractKindOf(name);
    if (contractKind !== undefined && contractKind !== kind) {
      result.rejected.add(
        'type_conflict',
        pointCount,
        `${name} is a ${contractKind} of the groqmeter telemetry contract; a ${kind} may not take its name`,
      );
      return undefined;
    }
    return name;
  }

  /** The labels of a point, or `undefined` (refused and counted) when they break the limits. */
  private pointLabels(
    labeler: SeriesLabeler,
    attributes: Attributes,
    familyName: string,
    result: IngestResult,
  ): RenderedLabels | undefined {
    const labels = attributes.size > this.limits.maxLabelsPerPoint ? undefined : labeler.render(attributes);
    const refusal = labels === undefined ? 'too_many_labels' : labelShapeRefusal(labels, this.limits);
    if (refusal === undefined) return labels;
    result.rejected.add(
      refusal,
      1,
      refusal === 'too_many_labels'
        ? `a point of ${familyName} has more than ${this.limits.maxLabelsPerPoint} attributes`
        : `a label of ${familyName} has a name longer than ${this.limits.maxNameLength} or a value longer than ${this.limits.maxLabelValueLength} characters`,
    );
    return undefined;
  }

  private refuse(refusal: StoreRefusal, familyName: string, result: IngestResult): void {
    result.rejected.add(refusal, 1, this.refusalMessage(refusal, familyName));
  }

  private refusalMessage(refusal: StoreRefusal, familyName: string): string {
    switch (refusal) {
      case 'series_cap':
        return `${familyName} has reached the series cap of ${this.store.options.seriesCap}`;
      case 'bucket_mismatch':
        return `${familyName} keeps the bucket bounds of its first point for the life of a series`;
      case 'stream_cap':
        return `a series of ${familyName} has reached the limit of ${this.store.limits.maxStreamsPerSeries} senders and start times`;
      case 'exposition_cap':
        return `the exposition has reached its bound of ${this.store.limits.maxExpositionBytes} bytes; no new series until some expire`;
      default:
        return `${familyName} cannot be served (${refusal})`;
    }
  }

  private notePushedCosts(resource: ResourceMetrics, identity: ResourceIdentity, nowMs: number): void {
    for (const { metrics } of resource.scopeMetrics) {
      for (const metric of metrics) {
        if (metric.name !== Instrument.cost || metric.data.kind !== 'sum') continue;
        for (const point of metric.data.points) {
          const model = point.attributes.get(Label.model);
          if (typeof model === 'string') this.pricing.notePushedCost(identity.key, model, nowMs);
        }
      }
    }
  }

  private recordTargetInfo(identity: ResourceIdentity, nowMs: number, result: IngestResult): void {
    if (identity.infoLabels.length === 0) return;
    const labelRefusal = labelSetRefusal(identity.infoLabels, this.limits);
    if (labelRefusal) {
      addDrop(result.exporterDrops, labelRefusal, 1);
      return;
    }
    // One family whatever the senders: exempt from the family cap, its series capped as any.
    const family = this.store.gaugeFamily(Family.targetInfo, 'gauge', TARGET_INFO_HELP, true);
    if (typeof family === 'string') {
      addDrop(result.exporterDrops, family, 1);
      return;
    }
    const series = this.store.gaugeSeries(family, identity.infoLabels);
    if (typeof series === 'string') {
      addDrop(result.exporterDrops, series, 1);
      return;
    }
    if (!series.setValue(identity.key, 0n, 1, nowMs)) addDrop(result.exporterDrops, 'stream_cap', 1);
  }
}

/**
 * Adds a point to its stream in a counter or histogram series. A stream is one OTLP metric of one
 * sender and scope with one attribute set: streams that land on the same Prometheus series (an
 * empty attribute beside an absent one, `a.b` beside `a_b`, `x` beside `x_total`) are summed, each
 * followed on its own, so that their values never alternate in one stream and read as resets.
 * Delta points of a stream share one contribution; cumulative ones have one per start time, so a
 * restarted process (new start time) starts a new contribution while the old one keeps what it
 * counted.
 *
 * @returns how much the series' first value (the counter, or the histogram count) grew;
 *   `undefined` when the stream is new and its series has all the streams it may.
 */
function addToStream(
  series: MonotonicSeries,
  streams: MetricStreams,
  point: { attributes: Attributes; startTimeUnixNano: bigint; timeUnixNano: bigint },
  labels: RenderedLabels,
  values: readonly number[],
  nowMs: number,
  storeStartedAtNs: bigint,
): number | undefined {
  const key = streams.key(point.attributes, labels.exactKeys, point.startTimeUnixNano);
  const contribution = series.streamContribution(key, nowMs);
  if (contribution === undefined) return undefined;
  if (streams.temporality === 'delta') return contribution.applyDelta(values, nowMs);
  const start = streams.time(point.startTimeUnixNano);
  const time = streams.time(point.timeUnixNano);
  if (contribution.isNew && start < storeStartedAtNs)
    series.carryIn(values[0]! * shareBefore(storeStartedAtNs, start, time));
  return contribution.applyCumulative(start, time, values, nowMs);
}

/**
 * The share of a cumulative run's first value counted before `instant`, taking its growth as even
 * from its start to the point: 1 when the point itself is older.
 */
function shareBefore(instant: bigint, start: bigint, time: bigint): number {
  if (time <= instant) return 1;
  return Number(instant - start) / Number(time - start);
}

/**
 * The identity of each OTLP stream of one sender and scope, as a fixed-size digest: a stream key
 * of its own per contribution then costs the same whatever the length of the resource or the
 * attributes (the digest of a sender's resource and scope is computed once per push).
 */
class StreamKeys {
  readonly senderAndScope: string;
  /** One bigint per time value of the push (see {@link time}). */
  private readonly times = new Map<bigint, bigint>();

  constructor(senderAndScope: string) {
    this.senderAndScope = createHash('sha256').update(senderAndScope).digest('base64');
  }

  /** The streams of one metric of this sender and scope. */
  ofMetric(metricName: string, temporality: Temporality): MetricStreams {
    return new MetricStreams(this.senderAndScope, metricName, temporality, this);
  }

  /**
   * The first bigint of this value in the push: the points of one export share their start and
   * end times, so the streams that keep them hold one bigint between them instead of one each.
   */
  time(value: bigint): bigint {
    const shared = this.times.get(value);
    if (shared !== undefined) return shared;
    this.times.set(value, value);
    return value;
  }
}

/**
 * Stream keys of one metric: `digest|start` (`digest|delta` for delta points), the digest naming
 * the sender, scope, metric and attributes.
 *
 * When a point's labels say exactly which attributes it had (string values, no key lost or joined
 * by sanitising: {@link RenderedLabels.exactKeys}), its series and its attribute keys identify its
 * stream: every point of the metric with those keys shares one digest, and one key string per
 * start time, made once. Other points get a digest of their own attributes, as before.
 */
class MetricStreams {
  private readonly byKeys = new Map<string, { digest: string; byStart: Map<bigint, string> }>();

  constructor(
    private readonly senderAndScope: string,
    private readonly metricName: string,
    readonly temporality: Temporality,
    private readonly push: StreamKeys,
  ) {}

  /** {@link StreamKeys.time}. */
  time(value: bigint): bigint {
    return this.push.time(value);
  }

  key(attributes: Attributes, exactKeys: string | undefined, start: bigint): string {
    if (exactKeys === undefined) return this.keyOf(this.attributesDigest(attributes), start);
    let streams = this.byKeys.get(exactKeys);
    if (!streams) {
      streams = { digest: this.keysDigest(exactKeys), byStart: new Map() };
      this.byKeys.set(exactKeys, streams);
    }
    // Delta keys do not depend on the start time.
    const startKey = this.temporality === 'delta' ? 0n : start;
    let key = streams.byStart.get(startKey);
    if (key === undefined) {
      key = this.keyOf(streams.digest, start);
      streams.byStart.set(startKey, key);
    }
    return key;
  }

  private keyOf(digest: string, start: bigint): string {
    return this.temporality === 'delta' ? `${digest}|delta` : `${digest}|${start}`;
  }

  /** The digest of a stream told by its attribute keys (`\u0001` first: never a JSON text). */
  private keysDigest(exactKeys: string): string {
    return createHash('sha256')
      .update(this.senderAndScope)
      .update(this.metricName)
      .update('\u0000\u0001')
      .update(exactKeys)
      .digest('base64');
  }

  private attributesDigest(attributes: Attributes): string {
    const sorted = [...attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return createHash('sha256')
      .update(this.senderAndScope)
      .update(this.metricName)
      .update('\u0000')
      .update(JSON.stringify(sorted))
      .digest('base64');
  }
}

const FAMILY_REFUSALS: Record<FamilyRefusal, (name: string, kind: string) => string> = {
  type_conflict: (name, kind) => `${name} is already served as another type than ${kind}`,
  name_collision: (name) =>
    `${name} would be written under a name another family is already served under (a counter x_total and a gauge x, a histogram h and a gauge h_count)`,
  family_cap: (name) => `${name} is a new family and the exporter serves as many families as it may`,
};

function refuseFamily(
  refusal: FamilyRefusal,
  name: string,
  kind: string,
  pointCount: number,
  result: IngestResult,
): void {
  result.rejected.add(refusal, pointCount, FAMILY_REFUSALS[refusal](name, kind));
}

function addDrop(drops: Map<DropReason, number>, reason: DropReason, count: number): void {
  drops.set(reason, (drops.get(reason) ?? 0) + count);
}
