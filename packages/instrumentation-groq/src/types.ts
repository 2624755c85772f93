import type { RecorderOptions } from '@groqmeter/recorder';
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/**
 * What both ways in accept: how operations are priced, labelled and captured, where metrics go
 * and whether spans are made (the recorder's options of the same names). `attributes` apply per
 * client with `instrumentGroq`, per process with the instrumentation.
 */
export interface GroqTelemetryOptions
  extends Pick<
    RecorderOptions,
    | 'priceBook'
    | 'baselines'
    | 'captureMessageContent'
    | 'labelAttributes'
    | 'seriesCap'
    | 'attributes'
    | 'metricProducer'
    | 'tracing'
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

/** What both ways into the `openai` SDK accept, on top of {@link GroqTelemetryOptions}. */
export interface OpenAITelemetryOptions extends GroqTelemetryOptions {
  /**
   * Base URLs, besides `https://api.groq.com/...`, whose calls are Groq calls (a simulator, a
   * proxy or gateway in front of Groq). Defaults to the comma-separated
   * `GROQMETER_GROQ_BASE_URLS`. Calls to any other base URL, OpenAI's own included, are not
   * recorded.
   */
  groqBaseURLs?: readonly string[];
}

/** Configuration of {@link OpenAIInstrumentation}. */
export interface OpenAIInstrumentationConfig extends InstrumentationConfig, OpenAITelemetryOptions {}

/** Options of {@link instrumentOpenAI}. */
export interface InstrumentOpenAIOptions extends OpenAITelemetryOptions {
  /** Where spans go; defaults to the global tracer provider (resolved at the first call). */
  tracerProvider?: TracerProvider;
  /** Where metrics go; defaults to the global meter provider (resolved at the first call). */
  meterProvider?: MeterProvider;
}
