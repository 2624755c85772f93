import { type Context, context as contextApi, createContextKey } from '@opentelemetry/api';
import type { Attribution } from './types.js';

/** `createContextKey` uses `Symbol.for`, so the ESM and CJS copies of this package share the key. */
const ATTRIBUTION_KEY = createContextKey('groqmeter.attribution');

/**
 * Run `fn` with attribution attached to the active OTel context: every groqmeter operation started
 * inside (synchronously or in async work it spawns) carries these attributes. Nested calls merge,
 * the inner value winning per key. Needs a context manager (e.g. `AsyncLocalStorageContextManager`,
 * registered by the OTel Node SDK) for the attribution to follow async work.
 *
 * @example
 * await withGroqAttributes({ feature: 'summarise', 'user.id': userId }, () => handle(request));
 */
export function withGroqAttributes<T>(attributes: Attribution, fn: () => T): T {
  const active = contextApi.active();
  const merged = { ...getGroqAttributes(active), ...attributes };
  return contextApi.with(active.setValue(ATTRIBUTION_KEY, merged), fn);
}

/** The attribution attached through {@link withGroqAttributes} to a context (default: the active one). */
export function getGroqAttributes(context: Context = contextApi.active()): Attribution {
  const value = context.getValue(ATTRIBUTION_KEY);
  return typeof value === 'object' && value !== null ? { ...(value as Attribution) } : {};
}

/**
 * The attribution of one operation. Precedence, lowest to highest: the recorder's `attributes`
 * (per client, the broadest default), then the context's (per request or job), then the call's
 * own `attributes` (the most specific). Keys whose value is `undefined` are left out.
 */
export function mergeAttribution(
  recorderAttributes: Attribution | undefined,
  contextAttributes: Attribution,
  callAttributes: Attribution | undefined,
): Record<string, string | number | boolean> {
  const merged: Record<string, string | number | boolean> = {};
  for (const source of [recorderAttributes, contextAttributes, callAttributes]) {
    for (const [key, value] of Object.entries(source ?? {})) {
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged;
}
