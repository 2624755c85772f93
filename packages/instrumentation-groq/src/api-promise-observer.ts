import { defineHiddenProperty } from './hidden-property.js';
import type { ApiPromiseLike, ParsingApiPromiseFields } from './internal-types.js';
import type { ObservedCall } from './observed-call.js';
import { isStreamLike, observeStream } from './stream-observer.js';

/** Whether a value is groq-sdk's `APIPromise` (the only thing `create()` returns). */
export function isApiPromise(value: unknown): value is ApiPromiseLike {
  return (
    value instanceof Promise &&
    typeof (value as Partial<ApiPromiseLike>)._thenUnwrap === 'function' &&
    typeof (value as Partial<ApiPromiseLike>).asResponse === 'function'
  );
}

/**
 * Record the call of the SDK's `APIPromise` and return an `APIPromise` that behaves as the SDK's:
 * - the body is parsed only when the caller asks for it (`then`, `withResponse()`), and the
 *   parsed result ends the operation before the caller gets it (a stream is handed back
 *   observed, see `observeStream`);
 * - errors are observed on the side and reach the caller unchanged (the same object);
 * - a caller who only takes `.asResponse()` owns the body: the result is read from a clone, or
 *   for a stream recorded without usage, and the caller's body is never touched.
 *
 * The SDK's own promise is returned, with its `parseResponse` hooked (see {@link hookParsing}).
 * A promise of a shape this package does not know is observed through a copy built with
 * `_thenUnwrap` instead (see {@link observeThroughCopy}), as the SDK builds its own derived
 * promises.
 */
export function observeApiPromise(
  promise: ApiPromiseLike,
  call: ObservedCall,
  client: unknown,
): ApiPromiseLike {
  return hookParsing(promise, call, client) ? promise : observeThroughCopy(promise, call, client);
}

/**
 * Observe the SDK's own promise in place, when it has the fields every supported Stainless SDK
 * gives it (groq-sdk 0.27 to 1.x, openai 4 to 7): `parse()` reads `this.parseResponse` when the
 * caller first asks for the body, so replacing that field before the caller can touch the promise
 * sees every parse, with no second promise and no per-call copies of the parsing methods. Failures
 * before a response (HTTP errors after the SDK's retries, connection errors, aborts) are observed
 * on a side branch of `responsePromise`, failures while parsing inside the hook; both rethrow the
 * same error. Returns false, having changed nothing, when the promise has another shape or was
 * parsed already.
 */
function hookParsing(promise: ApiPromiseLike, call: ObservedCall, client: unknown): boolean {
  const fields = promise as ApiPromiseLike & Partial<ParsingApiPromiseFields>;
  const parser = Object.getOwnPropertyDescriptor(promise, 'parseResponse');
  const parse = parser?.value as ParsingApiPromiseFields['parseResponse'] | undefined;
  if (
    parser?.writable !== true ||
    typeof parse !== 'function' ||
    !(fields.responsePromise instanceof Promise) ||
    fields.parsedPromise !== undefined
  ) {
    return false;
  }
  fields.responsePromise.then(undefined, (error: unknown) => call.fail(error));
  let parseStarted = false;
  const onParsed = (data: unknown): unknown => recordParsed(data, call, client);
  const onParseFailed = (error: unknown): never => {
    call.fail(error);
    throw error;
  };
  fields.parseResponse = function (this: unknown, ...args: unknown[]): unknown {
    parseStarted = true;
    let parsed: unknown;
    try {
      parsed = parse.apply(this, args);
    } catch (error) {
      return onParseFailed(error);
    }
    return Promise.resolve(parsed).then(onParsed, onParseFailed);
  };
  observeRawResponses(promise, promise.asResponse, call, () => parseStarted);
  return true;
}

/**
 * The fallback: the SDK's own `APIPromise` for the same request built with `_thenUnwrap`, so the
 * result is still an `APIPromise` with `.withResponse()`, `.asResponse()` and its types, whose
 * parsing methods note that the caller asked for the body.
 */
function observeThroughCopy(promise: ApiPromiseLike, call: ObservedCall, client: unknown): ApiPromiseLike {
  // Failures before a response, observed on a side branch: the caller's promise rejects as before.
  promise.asResponse().then(undefined, (error: unknown) => call.fail(error));

  const observed = promise._thenUnwrap((data) => recordParsed(data, call, client));
  const prototype = Object.getPrototypeOf(observed) as ApiPromiseLike;
  let parseRequested = false;
  for (const name of PARSING_METHODS) {
    const method = prototype[name] as (...args: unknown[]) => unknown;
    defineHiddenProperty(observed, name, function (this: ApiPromiseLike, ...args: unknown[]) {
      if (!parseRequested) {
        parseRequested = true;
        // A body that fails to parse (a broken JSON answer, a connection lost while reading).
        prototype.then.call(this, undefined, (error: unknown) => call.fail(error));
      }
      return method.apply(this, args);
    });
  }
  observeRawResponses(observed, prototype.asResponse, call, () => parseRequested);
  return observed;
}

/** The `APIPromise` methods that parse the body (`parse()` is memoised: the body is read once). */
const PARSING_METHODS = ['then', 'catch', 'finally', 'withResponse'] as const;

/**
 * End the operation with a parsed body and return what the caller gets: the same `data`, or a
 * stream observed chunk by chunk. groq-sdk and openai await what the parser returns, so an
 * operation whose facts need async work (an audio file's duration) has ended by the time the
 * caller gets `data`.
 */
function recordParsed(data: unknown, call: ObservedCall, client: unknown): unknown {
  const streamFacts = call.description.streamFacts;
  if (streamFacts !== undefined && isStreamLike(data)) {
    try {
      return observeStream(data, call, streamFacts, client);
    } catch (error) {
      call.fail(error);
      return data;
    }
  }
  const ended = call.succeed(data);
  return ended === undefined ? data : ended.then(() => data);
}

/**
 * Give `target` an own `asResponse` that records the call from the raw `Response` when the caller
 * never asked for the parsed body. `withResponse()` also takes the response, after asking for the
 * parsed body: its parse has started by the time the response is handed on, so it is not recorded
 * twice.
 */
function observeRawResponses(
  target: ApiPromiseLike,
  asResponse: ApiPromiseLike['asResponse'],
  call: ObservedCall,
  parseStarted: () => boolean,
): void {
  defineHiddenProperty(target, 'asResponse', function (this: ApiPromiseLike) {
    const response = asResponse.call(this);
    response.then(
      (raw) => {
        if (!parseStarted()) observeRawResponse(raw, call);
      },
      () => undefined,
    );
    return response;
  });
}

/** Record a call whose caller took the raw `Response` and never asked for the parsed body. */
function observeRawResponse(response: Response, call: ObservedCall): void {
  const { description } = call;
  if (description.streamFacts !== undefined) {
    // Reading a clone of an event stream would keep the connection open for our copy only.
    call.finish(() => ({}));
    return;
  }
  if (!description.resultNeedsBody) {
    call.succeed(undefined);
    return;
  }
  let copy: Response;
  try {
    copy = response.clone();
  } catch {
    // The body was already taken (the caller parsed it another way): nothing to read.
    call.finish(() => ({}));
    return;
  }
  readBody(copy).then(
    (body) => call.succeed(body),
    () => call.finish(() => ({})),
  );
}

/** Parse a body the way groq-sdk does: JSON for JSON content types, else text. */
async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  if (mediaType.includes('application/json') || mediaType.endsWith('+json')) {
    if (response.headers.get('content-length') === '0') return undefined;
    return response.json();
  }
  return response.text();
}
