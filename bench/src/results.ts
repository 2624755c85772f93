import type { Comparison, Summary } from './statistics';
import type { ProxyBenchResult } from './suites/proxy-results';

/** Uninstrumented against instrumented calls of one SDK, timed in milliseconds. */
export interface CallComparison {
  /** The SDK and the call, e.g. `groq-sdk chat.completions.create`. */
  sdk: string;
  /** The instrumentation under test, e.g. `groqmeter instrumentGroq()`. */
  instrumentation: string;
  mode: 'call' | 'stream';
  /** Iterations of each variant run before the timed ones (the probe's calls not counted). */
  warmup: number;
  /** Chunks one stream delivered to the caller (streams only). */
  chunksPerStream?: number;
  timing: Comparison;
  /**
   * Streams only: the same stream cut to a few tokens, timed in the same rounds. The difference
   * of the two added times over the difference of their chunks is what one more chunk costs,
   * apart from what a stream costs once (its span, its metrics, its end).
   */
  shortStream?: { chunksPerStream: number; timing: Comparison };
  /** Spans ended per call: proves the instrumented variant recorded and the baseline did not. */
  spansPerCall: { baseline: number; instrumented: number };
  /** Distinct metric names the instrumented variant recorded data for. */
  metricsRecorded: number;
}

/** Heap of one variant while it consumed a long stream. */
export interface MemoryStats {
  /** Highest heap after a forced GC, taken every 1,000 chunks, minus the heap before the stream. */
  retainedGrowthBytes: number;
  /** Highest heap sampled every 100 chunks without forcing GC, minus the heap before the stream. */
  peakAboveStartBytes: number;
}

export interface StreamMemory {
  sdk: string;
  instrumentation: string;
  chunks: number;
  baseline: MemoryStats;
  instrumented: MemoryStats;
}

export interface PricingThroughput {
  operation: string;
  /** Computations per second over the median batch, and over the batch at the 95th percentile of time. */
  opsPerSecondMedian: number;
  opsPerSecondP95: number;
}

export interface IngestThroughput {
  payload: string;
  encoding: 'protobuf' | 'json';
  pointsPerRequest: number;
  bodyBytes: number;
  /** Milliseconds per `POST /v1/metrics`, answer included. */
  timing: Summary;
  pointsPerSecond: number;
  /** Data points per second of the exporter process's CPU time (decode, ingest and answer), in the median segment of 10 POSTs (cases alternated). */
  pointsPerCpuSecond?: number;
}

/** One `/metrics` server holding a number of series. */
export interface ScrapeStats {
  /** Milliseconds per `GET /metrics`, whole body read. */
  timing: Summary;
  bodyBytes: number;
  lines: number;
  /** Heap the server keeps for the series: after a forced GC, loaded minus empty. */
  retainedHeapBytes: number;
  /** Resident set size of the server process before the scrapes and its peak during them. */
  rssBeforeScrapesBytes: number;
  peakRssDuringScrapesBytes: number;
}

export interface ScrapeComparison {
  series: number;
  groqmeter: ScrapeStats;
  prometheus: ScrapeStats;
  /** groqmeter median / exporter-prometheus median. */
  ratio: number;
}

/** One process of the per-promise-tax suite: its bare workload's medians. */
export interface PromiseTaxSample {
  variant: string;
  chunksPerStream: number;
  /** Median milliseconds of one bare groq-sdk stream. */
  streamMs: number;
  /** Median nanoseconds per awaited promise of a plain await chain. */
  hopNs: number;
}

/** One variant of the per-promise-tax suite: the median over its processes. */
export interface PromiseTaxRow extends PromiseTaxSample {
  processes: number;
}

/** What one suite process reports; a failed suite reports why instead. */
export interface SuiteResult {
  calls?: CallComparison[];
  memory?: StreamMemory[];
  pricing?: PricingThroughput[];
  promiseTax?: PromiseTaxRow[];
  ingest?: IngestThroughput[];
  scrapes?: ScrapeComparison[];
  /** The groqmeter proxy against the direct call and a bare pass-through proxy. */
  proxy?: ProxyBenchResult;
  /** Things that could not be measured, with the exact error. */
  problems?: string[];
}
