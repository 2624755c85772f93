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
  mergeDefined(merged, recorderAttributes);
  mergeDefined(merged, contextAttributes);
  mergeDefined(merged, callAttributes);
  return merged;
}

/** Runs once per operation: plain loops, no entry pairs or source arrays. */
function mergeDefined(
  target: Record<string, string | number | boolean>,
  source: Attribution | undefined,
): void {
  // `== null`: JavaScript callers may pass null for "no attribution".
  if (source == null) return;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value !== undefined) target[key] = value;
  }
}
