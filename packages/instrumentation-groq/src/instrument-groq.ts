import { createCallTelemetry } from './call-telemetry.js';
import { defineHiddenProperty } from './hidden-property.js';
import type { GroqClientLike } from './internal-types.js';
import { instanceRecordingMethod, instanceReportingFetch } from './method-wrappers.js';
import { INSTRUMENTED_METHODS } from './operations.js';
import type { InstrumentGroqOptions } from './types.js';

/** Marks an explicitly instrumented client (shared by the ESM and CJS copies of this package). */
const INSTRUMENTED_CLIENT = Symbol.for('groqmeter.instrumentation-groq.client');

function isGroqClient(value: unknown): value is GroqClientLike & object {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<GroqClientLike>).fetchWithTimeout === 'function' &&
    typeof (value as Partial<GroqClientLike>).baseURL === 'string'
  );
}

function resourceAt(client: object, path: readonly string[]): object | undefined {
  let current: unknown = client;
  for (const key of path)
    current = typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined;
  return typeof current === 'object' && current !== null ? current : undefined;
}

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
  if (!isGroqClient(client)) {
    throw new TypeError(
      `instrumentGroq expected a groq-sdk client (created with \`new Groq()\`), got ${describeValue(client)}. ` +
        'Pass the client you call chat.completions.create on.',
    );
  }
  if (Reflect.get(client, INSTRUMENTED_CLIENT) === true) return client;
  const telemetry = createCallTelemetry(options, {
    tracerProvider: options.tracerProvider,
    meterProvider: options.meterProvider,
  });
  for (const { instancePath, method, describe } of INSTRUMENTED_METHODS) {
    const resource = resourceAt(client, instancePath);
    if (resource === undefined || typeof Reflect.get(resource, method) !== 'function') continue;
    defineHiddenProperty(resource, method, instanceRecordingMethod(resource, method, describe, telemetry));
  }
  defineHiddenProperty(client, 'fetchWithTimeout', instanceReportingFetch(client));
  const withOptions = client.withOptions;
  if (typeof withOptions === 'function') {
    defineHiddenProperty(client, 'withOptions', function (this: unknown, ...args: unknown[]): unknown {
      const derived = withOptions.apply(this, args as [unknown]);
      return isGroqClient(derived) ? instrumentGroq(derived, options) : derived;
    });
  }
  defineHiddenProperty(client, INSTRUMENTED_CLIENT, true);
  return client;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor
    ?.name;
  return name ? `an instance of ${name}` : 'an object';
}
