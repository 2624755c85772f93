/** Timings of one variant, in milliseconds. */
export interface ProxyTiming {
  count: number;
  median: number;
  p99: number;
}

/** One latency comparison: the same calls direct, through the bare proxy and through groqmeter's. */
export interface ProxyLatencyRow {
  mode: 'call' | 'stream';
  clients: number;
  /** Chunks one stream delivered (streams only). */
  chunksPerStream?: number;
  direct: ProxyTiming;
  bare: ProxyTiming;
  groqmeter: ProxyTiming;
}

/** Requests per second through one proxy process (one Node thread: one core). */
export interface ProxyThroughputRow {
  variant: 'bare' | 'groqmeter';
  mode: 'call' | 'stream';
  /** Chunks one stream delivered (streams only). */
  chunksPerStream?: number;
  clients: number;
  seconds: number;
  requestsPerSecond: number;
  /** CPU time of the proxy process per request (user + system). */
  cpuMsPerRequest: number;
}

/** The proxy process's memory while one long stream passed through it. */
export interface ProxyMemoryRow {
  variant: 'bare' | 'groqmeter';
  chunks: number;
  retainedGrowthBytes: number;
  peakRssBytes: number;
}

/** What the proxy suite reports. */
export interface ProxyBenchResult {
  latency: ProxyLatencyRow[];
  throughput: ProxyThroughputRow[];
  memory: ProxyMemoryRow[];
  /** Spans the groqmeter proxy ended per forwarded call: proves it recorded every call. */
  spansPerCall: number;
}
