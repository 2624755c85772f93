import type { CallTelemetry } from './call-observer.js';
import { createCallTelemetry } from './call-telemetry.js';
import { defineHiddenProperty } from './hidden-property.js';
import type { GroqClientLike } from './internal-types.js';
import { instanceRecordingMethod, instanceReportingFetch } from './method-wrappers.js';
import type { StainlessSdk } from './stainless-sdk.js';
import type { InstrumentGroqOptions } from './types.js';

/** Marks an explicitly instrumented client (shared by the ESM and CJS copies of this package). */
const INSTRUMENTED_CLIENT = Symbol.for('groqmeter.instrumentation-groq.client');

/** Whether a value is a client of a Stainless SDK (groq-sdk, openai): it has the hooks this package wraps. */
export function isStainlessClient(value: unknown): value is GroqClientLike & object {
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
 * Instrument one client of a Stainless SDK in place: every call of the SDK's method table made
 * through it is recorded, exactly as by the SDK's instrumentation. Calling it again on the same
 * client does nothing (the first options stay); clients made from it with `client.withOptions()`
 * are instrumented with the same options. The caller has checked `isStainlessClient(client)`.
 * `telemetry` replaces the recorder built from `options` for this client only (the bench's
 * adapter A/B records into a do-nothing recorder to time this package's own work).
 *
 * @throws Error when `labelAttributes` or `seriesCap` is invalid.
 */
export function instrumentClient<Client extends object, Options extends InstrumentGroqOptions>(
  client: Client,
  options: Options,
  sdk: StainlessSdk<Options>,
  telemetry?: CallTelemetry,
): Client {
  if (!isStainlessClient(client) || Reflect.get(client, INSTRUMENTED_CLIENT) === true) return client;
  telemetry ??= createCallTelemetry(
    options,
    { tracerProvider: options.tracerProvider, meterProvider: options.meterProvider },
    sdk.scope(options),
  );
  for (const { instancePath, method, observe } of sdk.methods) {
    const resource = resourceAt(client, instancePath);
    if (resource === undefined || typeof Reflect.get(resource, method) !== 'function') continue;
    defineHiddenProperty(resource, method, instanceRecordingMethod(resource, method, observe, telemetry));
  }
  defineHiddenProperty(client, 'fetchWithTimeout', instanceReportingFetch(client));
  const withOptions = client.withOptions;
  if (typeof withOptions === 'function') {
    defineHiddenProperty(client, 'withOptions', function (this: unknown, ...args: unknown[]): unknown {
      const derived = withOptions.apply(this, args as [unknown]);
      return isStainlessClient(derived) ? instrumentClient(derived, options, sdk) : derived;
    });
  }
  defineHiddenProperty(client, INSTRUMENTED_CLIENT, true);
  return client;
}

/** What was passed instead of a client, for the error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor
    ?.name;
  return name ? `an instance of ${name}` : 'an object';
}
