/**
 * The `openai` SDK pointed at Groq. The observation of Stainless-generated clients (the
 * `APIPromise`, the stream, every HTTP attempt) is the same code as for groq-sdk and lives in
 * `@groqmeter/instrumentation-groq`; this package is its `openai` entry point, so that an app
 * that only uses `openai` installs and imports what it names.
 */
export {
  ENV_GROQ_BASE_URLS,
  type InstrumentOpenAIOptions,
  instrumentOpenAI,
  OpenAIInstrumentation,
  type OpenAIInstrumentationConfig,
  type OpenAITelemetryOptions,
  runWithRecordingSuppressed,
  SUPPORTED_OPENAI_VERSIONS,
  withGroqAttributes,
} from '@groqmeter/instrumentation-groq';
