/**
 * `@groqmeter/recorder/testing`: test support for code that records Groq operations, groqmeter's
 * own adapters included. Needs the OTel SDK packages it builds on (`@opentelemetry/sdk-metrics`,
 * `@opentelemetry/sdk-trace-base`, `@opentelemetry/context-async-hooks`), which are optional peer
 * dependencies of `@groqmeter/recorder`: install them as dev dependencies.
 */
export { installAsyncContext } from './async-context.js';
export { buildPackageIfStale } from './build-package-if-stale.js';
export {
  createFakeRecorder,
  type FakeOperation,
  type FakeRecorder,
  type OperationEvent,
  type RecorderCall,
} from './fake-recorder.js';
export {
  freeLocalPort,
  type ReadmeExampleOptions,
  type ReadmeExampleRun,
  readmeCodeBlock,
  runExampleCode,
  runReadmeExample,
} from './readme-example.js';
export {
  createTelemetryHarness,
  type HistogramPoint,
  type HistogramSummary,
  type MetricPoint,
  type TelemetryHarness,
  type TelemetryHarnessOptions,
} from './telemetry-harness.js';
export { type TestLifecycleHooks, useTelemetryHarness } from './use-telemetry-harness.js';
