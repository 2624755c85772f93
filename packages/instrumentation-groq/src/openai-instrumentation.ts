import type { AiProvider } from '@groqmeter/recorder';
import { ASSISTANT_RUN_METHODS } from './assistant-runs.js';
import { configuredGroqBaseURLs, isGroqBaseURL } from './groq-base-url.js';
import { describeValue, instrumentClient, isStainlessClient } from './instrument-client.js';
import { INSTRUMENTED_METHODS } from './operations.js';
import { RESPONSES_METHODS } from './responses-methods.js';
import { StainlessInstrumentation } from './stainless-instrumentation.js';
import type { StainlessSdk } from './stainless-sdk.js';
import type {
  InstrumentOpenAIOptions,
  OpenAIInstrumentationConfig,
  OpenAITelemetryOptions,
} from './types.js';
import { SUPPORTED_OPENAI_VERSIONS } from './version.js';

/**
 * The `openai` SDK: the same resources as groq-sdk (it is the same Stainless generator) plus the
 * Responses API and the Assistants API's runs. A client whose base URL is Groq's calls Groq; any
 * other base URL is OpenAI (`provider="openai"`), priced on the OpenAI catalogue.
 */
export const OPENAI_SDK: StainlessSdk<OpenAITelemetryOptions> = {
  moduleName: 'openai',
  versions: SUPPORTED_OPENAI_VERSIONS,
  className: 'OpenAI',
  methods: [...INSTRUMENTED_METHODS, ...RESPONSES_METHODS, ...ASSISTANT_RUN_METHODS],
  scope: (options) => {
    const extra = configuredGroqBaseURLs(options.groqBaseURLs);
    // Every call asks; a client's base URL does not change, so the last answer is kept rather
    // than parsing the URL again on each call.
    let lastBaseURL: string | undefined;
    let lastAnswer: AiProvider = 'openai';
    return {
      source: 'openai',
      providerOf: (baseURL) => {
        // Not a client of the SDK (no base URL): nothing to attribute the call to.
        if (baseURL === undefined) return undefined;
        if (baseURL !== lastBaseURL) {
          lastAnswer = isGroqBaseURL(baseURL, extra) ? 'groq' : 'openai';
          lastBaseURL = baseURL;
        }
        return lastAnswer;
      },
    };
  },
};

/**
 * OpenTelemetry instrumentation for the `openai` SDK (v4 and later): chat completions, the
 * Responses API, audio, embeddings, batches and models produce the same spans and metrics as with
 * groq-sdk, with `groqmeter.source="openai"`. Clients pointed at Groq
 * (`baseURL: 'https://api.groq.com/openai/v1'`, or one of `groqBaseURLs`) are metered as
 * `provider="groq"`; every other base URL (OpenAI itself) as `provider="openai"`, and there a
 * finished Assistants run is metered once, as operation `assistant`.
 *
 * @example
 * registerInstrumentations({ instrumentations: [new OpenAIInstrumentation()] });
 *
 * @throws Error when `labelAttributes` or `seriesCap` is invalid.
 */
export class OpenAIInstrumentation extends StainlessInstrumentation<OpenAIInstrumentationConfig> {
  constructor(config: OpenAIInstrumentationConfig = {}) {
    super(config);
  }

  protected override get sdk(): StainlessSdk<OpenAIInstrumentationConfig> {
    return OPENAI_SDK;
  }
}

/**
 * Instrument one `openai` client, as `instrumentGroq` does for groq-sdk. A client whose base URL
 * is Groq's (or listed in `groqBaseURLs`) is metered as `provider="groq"`, any other (OpenAI
 * itself) as `provider="openai"`, its finished Assistants runs included.
 *
 * @example
 * const groq = instrumentOpenAI(new OpenAI({ apiKey, baseURL: 'https://api.groq.com/openai/v1' }));
 *
 * @throws TypeError when `client` is not an `openai` client; Error when `labelAttributes` or
 * `seriesCap` is invalid.
 */
export function instrumentOpenAI<Client extends object>(
  client: Client,
  options: InstrumentOpenAIOptions = {},
): Client {
  if (!isStainlessClient(client)) {
    throw new TypeError(
      `instrumentOpenAI expected an openai client (created with \`new OpenAI()\`), got ${describeValue(client)}. ` +
        'Pass the client you call chat.completions.create or responses.create on.',
    );
  }
  return instrumentClient(client, options, OPENAI_SDK);
}
