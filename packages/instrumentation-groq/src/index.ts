// Attribution and de-duplication helpers, re-exported so that one import is enough.
export { runWithRecordingSuppressed, withGroqAttributes } from '@groqmeter/recorder';
export { instrumentGroq } from './instrument-groq.js';
export { GroqInstrumentation } from './instrumentation.js';
export type { GroqInstrumentationConfig, GroqTelemetryOptions, InstrumentGroqOptions } from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION, SUPPORTED_GROQ_SDK_VERSIONS } from './version.js';
