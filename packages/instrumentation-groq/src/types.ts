import type { RecorderOptions } from '@groqmeter/recorder';
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/**
 * What both ways in accept: how operations are priced, labelled and captured (the recorder's
 * options of the same names). `attributes` apply per client with `instrumentGroq`, per process
 * with the instrumentation.
 */
export interface GroqTelemetryOptions
  extends Pick<
    RecorderOptions,
    'priceBook' | 'baselines' | 'captureMessageContent' | 'labelAttributes' | 'seriesCap' | 'attributes'
  > {}

/** Configuration of {@link GroqInstrumentation}. */
export interface GroqInstrumentationConfig extends InstrumentationConfig, GroqTelemetryOptions {}

/** Options of {@link instrumentGroq}. */
export interface InstrumentGroqOptions extends GroqTelemetryOptions {
  /** Where spans go; defaults to the global tracer provider (resolved at the first call). */
  tracerProvider?: TracerProvider;
  /** Where metrics go; defaults to the global meter provider (resolved at the first call). */
  meterProvider?: MeterProvider;
}
