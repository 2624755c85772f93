import { GROQ_SDK_SCOPE } from './call-telemetry.js';
import { INSTRUMENTED_METHODS } from './operations.js';
import { StainlessInstrumentation } from './stainless-instrumentation.js';
import type { StainlessSdk } from './stainless-sdk.js';
import type { GroqInstrumentationConfig, GroqTelemetryOptions } from './types.js';
import { SUPPORTED_GROQ_SDK_VERSIONS } from './version.js';

/** groq-sdk: every client is a Groq client. */
export const GROQ_SDK: StainlessSdk<GroqTelemetryOptions> = {
  moduleName: 'groq-sdk',
  versions: SUPPORTED_GROQ_SDK_VERSIONS,
  className: 'Groq',
  methods: INSTRUMENTED_METHODS,
  scope: () => GROQ_SDK_SCOPE,
};

/**
 * OpenTelemetry instrumentation for `groq-sdk` (>= 0.27.0 < 2): patches the SDK when it is
 * required (CJS) or imported (ESM, with the `@opentelemetry/instrumentation/hook.mjs` loader), so
 * that every call of every `Groq` client produces a GenAI span and groqmeter's metrics.
 *
 * @example
 * registerInstrumentations({ instrumentations: [new GroqInstrumentation()] });
 *
 * @throws Error when `labelAttributes` or `seriesCap` is invalid.
 */
export class GroqInstrumentation extends StainlessInstrumentation<GroqInstrumentationConfig> {
  constructor(config: GroqInstrumentationConfig = {}) {
    super(config);
  }

  protected override get sdk(): StainlessSdk<GroqInstrumentationConfig> {
    return GROQ_SDK;
  }
}
