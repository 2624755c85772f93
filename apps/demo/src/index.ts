/**
 * The groqmeter demo as a library: the stack runner behind `pnpm start`, and the pieces that read
 * an exporter's `/metrics` back into a summary (usable against any groqmeter exporter).
 */
export { type DemoOptions, parseDemoOptions, UsageError } from './demo-options.js';
export { parseDuration } from './duration.js';
export { formatSummary } from './format-summary.js';
export { type Bucket, histogramQuantile } from './histogram-quantile.js';
export { scrapeMetrics } from './metrics-scrape.js';
export {
  type Headroom,
  type MetricsSummary,
  type ModelLatency,
  type ServiceRequests,
  type Share,
  summarizeMetrics,
} from './metrics-summary.js';
export { type MetricSample, parsePrometheusText } from './prometheus-text.js';
export { type DemoIo, runDemo } from './run-demo.js';
