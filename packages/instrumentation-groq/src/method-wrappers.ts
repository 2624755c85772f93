import { fetchReportingAttempt } from './attempt-observer.js';
import type { CallTelemetry, ObserveMethod } from './call-observer.js';
import type { FetchWithTimeout, ResourceMethod } from './internal-types.js';

/**
 * Marks our wrappers with the method they wrap. `Symbol.for`, so the ESM and CJS copies of this
 * package recognise each other's wrappers. Only our own marks are followed: a wrapper installed by
 * another tool is called, never skipped.
 */
const WRAPPED_ORIGINAL = Symbol.for('groqmeter.instrumentation-groq.original');

type Marked<F> = F & { [WRAPPED_ORIGINAL]?: F };

function markWrapper<F extends object>(wrapper: F, original: F): F {
  Object.defineProperty(wrapper, WRAPPED_ORIGINAL, { value: original });
  return wrapper;
}

/** The method under any of our wrappers (the SDK's own, or another tool's wrapper). */
export function unwrappedMethod<F>(method: F): F {
  let current = method;
  while (typeof current === 'function' && (current as Marked<F>)[WRAPPED_ORIGINAL] !== undefined) {
    current = (current as Marked<F>)[WRAPPED_ORIGINAL] as F;
  }
  return current;
}

/**
 * A prototype method that records every call (the patching way in). `telemetry` is read per call,
 * so the instrumentation can swap its recorder when it gets new providers.
 */
export function recordingMethod(
  original: ResourceMethod,
  observe: ObserveMethod,
  telemetry: () => CallTelemetry,
): ResourceMethod {
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    return observe(telemetry(), original, this, args);
  };
  return markWrapper(wrapper, original);
}

/** A prototype `fetchWithTimeout` that reports each attempt of an observed call. */
export function reportingFetch(original: FetchWithTimeout): FetchWithTimeout {
  const wrapper = function (this: unknown, ...args: Parameters<FetchWithTimeout>): Promise<Response> {
    return fetchReportingAttempt(original, this, args);
  };
  return markWrapper(wrapper, original);
}

/**
 * The method under our wrappers of whatever `read()` gives now, unwrapped again only when that
 * changes (the prototype's method is patched or unpatched), not on every call.
 */
function currentUnwrapped<F>(read: () => F): () => F {
  let seen: F | undefined;
  let unwrapped: F | undefined;
  return () => {
    const method = read();
    if (method !== seen || unwrapped === undefined) {
      unwrapped = unwrappedMethod(method);
      seen = method;
    }
    return unwrapped;
  };
}

/**
 * An own method for one resource instance (the `instrumentGroq` way in). It calls the SDK's method
 * from the instance's prototype at call time, under any patching wrapper of ours, so a client both
 * patched and instrumented explicitly is recorded once, by its own recorder.
 */
export function instanceRecordingMethod(
  resource: object,
  name: string,
  observe: ObserveMethod,
  telemetry: CallTelemetry,
): ResourceMethod {
  const original = currentUnwrapped(
    () => Reflect.get(Object.getPrototypeOf(resource) as object, name) as ResourceMethod,
  );
  return function (this: unknown, ...args: unknown[]): unknown {
    return observe(telemetry, original(), this, args);
  };
}

/** An own `fetchWithTimeout` for one client, reporting attempts of its observed calls once. */
export function instanceReportingFetch(client: object): FetchWithTimeout {
  const original = currentUnwrapped(
    () => Reflect.get(Object.getPrototypeOf(client) as object, 'fetchWithTimeout') as FetchWithTimeout,
  );
  return function (this: unknown, ...args: Parameters<FetchWithTimeout>): Promise<Response> {
    return fetchReportingAttempt(original(), this, args);
  };
}
