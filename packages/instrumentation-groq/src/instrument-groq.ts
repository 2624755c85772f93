import { describeValue, instrumentClient, isStainlessClient } from './instrument-client.js';
import { GROQ_SDK } from './instrumentation.js';
import type { InstrumentGroqOptions } from './types.js';

/**
 * Instrument one groq-sdk client: every chat completion (streamed or not), transcription,
 * translation, speech, embedding, batch creation and models call made through it produces a span
 * and metrics, exactly as with `GroqInstrumentation`. Use it where module patching cannot reach
 * (bundled apps, ESM without the loader hook) or to give one client its own attribution.
 *
 * The client is changed in place and returned; calling it again on the same client does nothing
 * (the first options stay). Clients made from it with `client.withOptions()` are instrumented with
 * the same options. Per-call attribution: `withGroqAttributes({ feature: 'chat' }, () => call())`.
 *
 * @example
 * const groq = instrumentGroq(new Groq(), { attributes: { feature: 'support-bot' } });
 *
 * @throws TypeError when `client` is not a groq-sdk client; Error when `labelAttributes` or
 * `seriesCap` is invalid.
 */
export function instrumentGroq<Client extends object>(
  client: Client,
  options: InstrumentGroqOptions = {},
): Client {
  if (!isStainlessClient(client)) {
    throw new TypeError(
      `instrumentGroq expected a groq-sdk client (created with \`new Groq()\`), got ${describeValue(client)}. ` +
        'Pass the client you call chat.completions.create on.',
    );
  }
  return instrumentClient(client, options, GROQ_SDK);
}
