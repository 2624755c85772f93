// Attribution and de-duplication helpers, re-exported so that one import is enough.
export { runWithRecordingSuppressed, withGroqAttributes } from '@groqmeter/recorder';
export { ENV_GROQ_BASE_URLS } from './groq-base-url.js';
export { instrumentGroq } from './instrument-groq.js';
export { GroqInstrumentation } from './instrumentation.js';
export { instrumentOpenAI, OpenAIInstrumentation } from './openai-instrumentation.js';
export type {
  GroqInstrumentationConfig,
  GroqTelemetryOptions,
  InstrumentGroqOptions,
  InstrumentOpenAIOptions,
  OpenAIInstrumentationConfig,
  OpenAITelemetryOptions,
} from './types.js';
export {
  PACKAGE_NAME,
  PACKAGE_VERSION,
  SUPPORTED_GROQ_SDK_VERSIONS,
  SUPPORTED_OPENAI_VERSIONS,
} from './version.js';
