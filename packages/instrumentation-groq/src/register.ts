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
 * `OTEL_SERVICE_NAME`, `OTEL_TRACES_EXPORTER`/`OTEL_METRICS_EXPORTER`/`OTEL_LOGS_EXPORTER`.
 * Telemetry is flushed when the process is about to exit on its own and on SIGTERM.
 *
 * Only the main thread is set up: Node 20 also runs `-r` preloads in its module-loader thread,
 * which must not start a second SDK. Instrument worker threads with `instrumentGroq`.
 */
import { register as registerLoaderHook } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { diag } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { GroqInstrumentation } from './instrumentation.js';
import { OpenAIInstrumentation } from './openai-instrumentation.js';

function startTelemetry(): void {
  // ESM apps: the standard OTel loader hook (import-in-the-middle), limited to groq-sdk and openai,
  // lets the instrumentations patch `import Groq from 'groq-sdk'`. CJS `require` is patched without it.
  registerLoaderHook('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
    data: { include: ['groq-sdk', 'openai'] },
  });

  const sdk = new NodeSDK({ instrumentations: [new GroqInstrumentation(), new OpenAIInstrumentation()] });
  sdk.start();

  let shutdown: Promise<void> | undefined;
  const flushTelemetry = (): Promise<void> => {
    shutdown ??= sdk.shutdown().catch((error: unknown) => {
      diag.error('@groqmeter/instrumentation-groq/register: flushing telemetry at exit failed', error);
    });
    return shutdown;
  };

  // The event loop is empty: export what is left; the process then exits as it would have.
  process.once('beforeExit', () => {
    void flushTelemetry();
  });

  // Flush, then keep Node's default for SIGTERM (exit) unless the app handles the signal itself.
  process.once('SIGTERM', () => {
    void flushTelemetry().finally(() => {
      if (process.listenerCount('SIGTERM') === 0) process.kill(process.pid, 'SIGTERM');
    });
  });
}

if (isMainThread) startTelemetry();
