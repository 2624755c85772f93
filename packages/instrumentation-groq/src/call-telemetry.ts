import {
  type AiProvider,
  createRecorder,
  ENV_CAPTURE_MESSAGE_CONTENT,
  type OperationSource,
  resolveCaptureMessageContent,
} from '@groqmeter/recorder';
import {
  diag,
  type MeterProvider,
  ProxyTracerProvider,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import type { CallTelemetry } from './call-observer.js';
import type { GroqTelemetryOptions } from './types.js';

/** Where the spans and metrics of one way in go; unset providers mean the global ones. */
export interface TelemetryProviders {
  tracerProvider?: TracerProvider;
  meterProvider?: MeterProvider;
}

/** Which SDK a way in instruments, and who serves its clients' calls. */
export interface TelemetryScope {
  source: OperationSource;
  /** The provider a client with this base URL calls; `undefined`: its calls are not recorded. */
  providerOf(baseURL: string | undefined): AiProvider | undefined;
}

/** groq-sdk: every client talks to Groq (or to a Groq stand-in the user chose). */
export const GROQ_SDK_SCOPE: TelemetryScope = { source: 'groq-sdk', providerOf: () => 'groq' };

/**
 * The recorder of one way in (the instrumentation, or one `instrumentGroq` client). Both ways build
 * it the same way, so they emit identical telemetry. Capture is resolved here once and handed to
 * the recorder explicitly, so that content is extracted exactly when the recorder will write it.
 *
 * @throws Error when `labelAttributes` or `seriesCap` is invalid (from the recorder).
 */
export function createCallTelemetry(
  options: GroqTelemetryOptions,
  providers: TelemetryProviders,
  scope: TelemetryScope = GROQ_SDK_SCOPE,
): CallTelemetry {
  const captureContent = resolveCaptureMessageContent(
    options.captureMessageContent,
    process.env[ENV_CAPTURE_MESSAGE_CONTENT],
  );
  const recorder = createRecorder({
    tracerProvider: guardedTracerProvider(providers.tracerProvider ?? trace.getTracerProvider()),
    meterProvider: providers.meterProvider,
    priceBook: options.priceBook,
    baselines: options.baselines,
    captureMessageContent: captureContent,
    labelAttributes: options.labelAttributes,
    seriesCap: options.seriesCap,
    attributes: options.attributes,
    metricProducer: options.metricProducer,
    tracing: options.tracing,
  });
  return { recorder, captureContent, source: scope.source, providerOf: scope.providerOf };
}

/**
 * A tracer provider whose `getTracer` never throws: a failing one (a broken or shut-down SDK)
 * yields a no-op tracer, so instrumenting never throws into user code; the calls then go
 * untraced, their metrics still recorded.
 */
function guardedTracerProvider(provider: TracerProvider): TracerProvider {
  return {
    getTracer(...args: Parameters<TracerProvider['getTracer']>) {
      try {
        return provider.getTracer(...args);
      } catch (error) {
        diag.warn('groqmeter: the tracer provider failed to give a tracer; Groq calls are not traced', error);
        return new ProxyTracerProvider().getTracer(...args);
      }
    },
  };
}
