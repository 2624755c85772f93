/**
 * A validated OTLP `ExportMetricsServiceRequest`, in the shape the exporter works with: both wire
 * encodings (protobuf, JSON) are read into this, and nothing reaches the store before the whole
 * request has been read.
 */
import type { Attributes } from './attributes.js';

export type Temporality = 'delta' | 'cumulative';

/** One point of a sum or gauge. Times are nanoseconds since the epoch, `0n` when not set. */
export interface NumberPoint {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  value: number;
}

/** One explicit-bucket histogram point; `bucketCounts` has one more entry than `explicitBounds`. */
export interface HistogramPoint {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: number;
  sum: number | undefined;
  explicitBounds: number[];
  bucketCounts: number[];
}

export interface SumData {
  kind: 'sum';
  monotonic: boolean;
  temporality: Temporality;
  points: NumberPoint[];
}

export interface GaugeData {
  kind: 'gauge';
  points: NumberPoint[];
}

export interface HistogramData {
  kind: 'histogram';
  temporality: Temporality;
  points: HistogramPoint[];
}

/** Exponential histograms and summaries: read only far enough to count their points. */
export interface UnsupportedData {
  kind: 'exponential_histogram' | 'summary';
  pointCount: number;
}

export type MetricData = SumData | GaugeData | HistogramData | UnsupportedData;

export interface Metric {
  name: string;
  description: string;
  unit: string;
  data: MetricData;
  /** Points flagged "no recorded value" (staleness markers): accepted and ignored. */
  skippedPoints: number;
}

export interface Scope {
  name: string;
  version: string;
  schemaUrl: string;
}

export interface ScopeMetrics {
  scope: Scope;
  metrics: Metric[];
}

export interface ResourceMetrics {
  attributes: Attributes;
  scopeMetrics: ScopeMetrics[];
}

export interface MetricsRequest {
  resourceMetrics: ResourceMetrics[];
}
