/**
 * One-line setup: `node --import @groqmeter/instrumentation-groq/register app.mjs`,
 * `node -r @groqmeter/instrumentation-groq/register app.js`, or
 * `import '@groqmeter/instrumentation-groq/register'` first thing in the app.
 *
 * Starts the OpenTelemetry Node SDK with {@link GroqInstrumentation} and {@link OpenAIInstrumentation}
 * (the `openai` SDK pointed at Groq; see `GROQMETER_GROQ_BASE_URLS`), configured by the standard
 * environment variables: OTLP to `http://localhost:4318` unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * the per-signal variables) says otherwise, `OTEL_EXPORTER_OTLP_PROTOCOL` (`http/protobuf` by
 * default, `http/json`, `grpc`), `OTEL_METRIC_EXPORT_INTERVAL` (60000 ms by default),
 * `OTEL_SERVICE_NAME`, `OTEL_TRACES_EXPORTER`/`OTEL_METRICS_EXPORTER`/`OTEL_LOGS_EXPORTER`. The
 * metric readers are built here from the same variables (see {@link metricSetupFromEnv}), so that
 * groqmeter's metric producer is attached to them: metrics are accumulated per label set and read
 * when the reader collects.
 * Telemetry is flushed when the process is about to exit on its own and on SIGTERM, for at most
 * {@link EXIT_FLUSH_TIMEOUT_MS} (1 s): an unreachable endpoint does not keep a finished app alive.
 * When telemetry cannot be sent, one `GroqmeterTelemetryWarning` naming the endpoints is printed
 * per process; the app's own behaviour never changes.
 *
 * Only the main thread is set up: Node 20 also runs `-r` preloads in its module-loader thread,
 * which must not start a second SDK. Instrument worker threads with `instrumentGroq`.
 */
import { register as registerLoaderHook } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { diag } from '@opentelemetry/api';
import { loggingErrorHandler, setGlobalErrorHandler } from '@opentelemetry/core';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { GroqInstrumentation } from './instrumentation.js';
import { OpenAIInstrumentation } from './openai-instrumentation.js';
import { boundedFlush, EXIT_FLUSH_TIMEOUT_MS } from './register-support/bounded-exit-flush.js';
import { metricSetupFromEnv } from './register-support/metric-readers.js';
import { otlpEndpoints } from './register-support/otlp-endpoints.js';
import { reasonOf, TelemetryWarning } from './register-support/telemetry-warning.js';

function startTelemetry(): void {
  // ESM apps: the standard OTel loader hook (import-in-the-middle), limited to groq-sdk and openai,
  // lets the instrumentations patch `import Groq from 'groq-sdk'`. CJS `require` is patched without it.
  registerLoaderHook('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
    data: { include: ['groq-sdk', 'openai'] },
  });

  // Export failures (the SDK hands them to its global error handler) warn once, then log as before.
  const warning = new TelemetryWarning(otlpEndpoints(process.env));
  const logError = loggingErrorHandler();
  setGlobalErrorHandler((error) => {
    warning.warnOnce(reasonOf(error));
    logError(error);
  });

  const { readers, metricProducer } = metricSetupFromEnv();
  const sdk = new NodeSDK({
    // No reader (`OTEL_METRICS_EXPORTER=none`): left to the Node SDK, which then sets up no metrics.
    metricReaders: readers.length > 0 ? readers : undefined,
    instrumentations: [
      new GroqInstrumentation({ metricProducer }),
      new OpenAIInstrumentation({ metricProducer }),
    ],
  });
  sdk.start();

  let shutdown: Promise<void> | undefined;
  let flushed = false;
  const flushTelemetry = (): Promise<void> => {
    shutdown ??= sdk
      .shutdown()
      .catch((error: unknown) => {
        warning.warnOnce(reasonOf(error));
        diag.error('@groqmeter/instrumentation-groq/register: flushing telemetry at exit failed', error);
      })
      .finally(() => {
        flushed = true;
      });
    return shutdown;
  };
  const notDelivered = `nothing was delivered within ${EXIT_FLUSH_TIMEOUT_MS} ms of the end`;

  // The event loop is empty: export what is left, and the process exits as it would have. Whatever
  // the export leaves running past the deadline (retries, sockets to a silent endpoint) ends with
  // the exit code the app would have had; the timer is unref'd so that it never delays an exit.
  process.once('beforeExit', () => {
    setTimeout(() => {
      if (!flushed) warning.warnOnce(notDelivered);
      // After the warning, which Node prints on the next tick.
      setImmediate(() => process.exit());
    }, EXIT_FLUSH_TIMEOUT_MS).unref();
    void flushTelemetry();
  });

  // Flush, then keep Node's default for SIGTERM (exit) unless the app handles the signal itself.
  process.once('SIGTERM', () => {
    void boundedFlush(flushTelemetry).then((inTime) => {
      if (!inTime) warning.warnOnce(notDelivered);
      if (process.listenerCount('SIGTERM') === 0) setImmediate(() => process.kill(process.pid, 'SIGTERM'));
    });
  });
}

if (isMainThread) startTelemetry();
