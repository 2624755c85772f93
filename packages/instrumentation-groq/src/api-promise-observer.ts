import { defineHiddenProperty } from './hidden-property.js';
import type { ApiPromiseLike } from './internal-types.js';
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

/** The `APIPromise` methods that parse the body (`parse()` is memoised: the body is read once). */
const PARSING_METHODS = ['then', 'catch', 'finally', 'withResponse'] as const;

/**
 * The SDK's own `APIPromise` for the same request, recording the call:
 * - built with `_thenUnwrap`, so the result stays an `APIPromise` with `.withResponse()`,
 *   `.asResponse()` and its types, and the body is parsed only when the caller asks for it;
 * - parsed results end the operation before the caller gets them (a stream is handed back
 *   observed, see `observeStream`);
 * - errors are observed on the side and reach the caller unchanged (the same object);
 * - a caller who only takes `.asResponse()` owns the body: the result is read from a clone, or
 *   for a stream recorded without usage, and the caller's body is never touched.
 */
export function observeApiPromise(
  promise: ApiPromiseLike,
  call: ObservedCall,
  client: unknown,
): ApiPromiseLike {
  // Failures before a response (HTTP errors after the SDK's retries, connection errors, aborts).
  // Observed on a side branch: the caller's promise rejects exactly as before.
  promise.asResponse().then(undefined, (error: unknown) => call.fail(error));

  const observed = promise._thenUnwrap((data) => {
    const streamFacts = call.description.streamFacts;
    if (streamFacts !== undefined && isStreamLike(data)) {
      try {
        return observeStream(data, call, streamFacts, client);
      } catch (error) {
        call.fail(error);
        return data;
      }
    }
    // groq-sdk and openai await the transform: an operation whose facts need async work (an
    // audio file's duration) has ended by the time the caller gets the same `data`.
    const ended = call.succeed(data);
    return ended === undefined ? data : ended.then(() => data);
  });

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
  const asResponse = prototype.asResponse;
  defineHiddenProperty(observed, 'asResponse', function (this: ApiPromiseLike) {
    const response = asResponse.call(this);
    response.then(
      (raw) => {
        // `withResponse()` also takes the response, after asking for the parsed body.
        if (!parseRequested) observeRawResponse(raw, call);
      },
      () => undefined,
    );
    return response;
  });
  return observed;
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
