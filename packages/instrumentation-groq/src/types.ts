import type { PriceBook } from '@groqmeter/pricing';
import type { Attribution, GroqOperationName } from '@groqmeter/recorder';
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';

/** What both ways in accept: how operations are priced, labelled and captured. */
export interface GroqTelemetryOptions {
  /** Prices to use instead of the shipped catalogue (e.g. with your negotiated rates applied). */
  priceBook?: PriceBook;
  /** Baseline model per operation for `groq_cost_baseline_usd_total` (default `gpt-4o` for chat); `false` turns it off. */
  baselines?: Partial<Record<GroqOperationName, string>> | false;
  /**
   * Record message content on spans. Defaults to the
   * `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` environment variable; off when unset.
   */
  captureMessageContent?: boolean;
  /** Attribution keys that become metric labels (default `feature`, `platform`, `tenant_tier`). */
  labelAttributes?: string[];
  /** Distinct label sets per metric before new ones become `__overflow__` (default 1000). */
  seriesCap?: number;
  /** Attribution added to every operation (per client with `instrumentGroq`, per process with the instrumentation). */
  attributes?: Attribution;
}

/** Configuration of {@link GroqInstrumentation}. */
export interface GroqInstrumentationConfig extends InstrumentationConfig, GroqTelemetryOptions {}

/** Options of {@link instrumentGroq}. */
export interface InstrumentGroqOptions extends GroqTelemetryOptions {
  /** Where spans go; defaults to the global tracer provider (resolved at the first call). */
  tracerProvider?: TracerProvider;
  /** Where metrics go; defaults to the global meter provider (resolved at the first call). */
  meterProvider?: MeterProvider;
}
