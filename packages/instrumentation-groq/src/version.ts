/** The instrumentation scope of every span and metric, whichever way in was used. */
export const PACKAGE_NAME = '@groqmeter/instrumentation-groq';
/** Kept equal to `package.json` `version` (checked by a test). */
export const PACKAGE_VERSION = '0.1.0';
/** The groq-sdk versions this package patches and is tested against. */
export const SUPPORTED_GROQ_SDK_VERSIONS = ['>=0.27.0 <2'];
/** The `openai` versions `OpenAIInstrumentation` patches (v4 to the current major). */
export const SUPPORTED_OPENAI_VERSIONS = ['>=4.0.0 <8'];
