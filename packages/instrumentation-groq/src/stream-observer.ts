import type { StreamFacts } from '@groqmeter/recorder';
import type { StreamConstructor, StreamLike } from './internal-types.js';
import type { ObservedCall } from './observed-call.js';

/** Whether a parsed body is a groq-sdk `Stream`. */
export function isStreamLike(value: unknown): value is StreamLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<StreamLike>)[Symbol.asyncIterator] === 'function' &&
    (value as Partial<StreamLike>).controller instanceof AbortController
  );
}

/**
 * A groq-sdk `Stream` that yields the same chunks as `stream`, as they arrive, while recording
 * them (see {@link withObservedIterator}; each chunk is recorded once).
 */
export function observeStream(
  stream: StreamLike,
  call: ObservedCall,
  facts: StreamFacts,
  client: unknown,
): StreamLike {
  return withObservedIterator(stream, client, (source) =>
    observeChunks(source, stream.controller, call, facts),
  );
}

/**
 * `stream` with its items seen by `observe` as they arrive: the SDK's own `Stream`, whose
 * `iterator` field (every supported groq-sdk and openai keeps the iterator function there, and
 * `[Symbol.asyncIterator]()` and `tee()` call it) is replaced before the caller can touch it. A
 * stream of another shape is copied with the SDK's own `Stream` class and public constructor
 * instead. Either way `tee()`, `toReadableStream()`, `controller` and `instanceof Stream` behave as
 * before; `tee()` iterates the observed iterator once, so `observe` wraps one iteration only. A
 * second iteration gets the SDK's own "consumed stream" error and is not observed again.
 */
export function withObservedIterator(
  stream: StreamLike,
  client: unknown,
  observe: (source: AsyncIterator<unknown>) => AsyncIterator<unknown>,
): StreamLike {
  let observing = false;
  const observed = (source: AsyncIterator<unknown>): AsyncIterator<unknown> => {
    if (observing) return source;
    observing = true;
    return observe(source);
  };
  const field = Object.getOwnPropertyDescriptor(stream, 'iterator');
  if (field?.writable === true && typeof field.value === 'function') {
    const iterator = field.value as (this: unknown) => AsyncIterator<unknown>;
    (stream as StreamLike & { iterator: typeof iterator }).iterator = function (this: unknown) {
      return observed(iterator.call(this));
    };
    return stream;
  }
  const StreamClass = stream.constructor as StreamConstructor;
  return new StreamClass(() => observed(stream[Symbol.asyncIterator]()), stream.controller, client);
}

/** `source`, unchanged, with each item also handed to `listen` as it arrives. */
export function listenedIterator(
  source: AsyncIterator<unknown>,
  listen: (item: unknown) => void,
): AsyncIterator<unknown> {
  const onResult = (result: IteratorResult<unknown>): IteratorResult<unknown> => {
    if (result.done !== true) listen(result.value);
    return result;
  };
  return {
    next: () => source.next().then(onResult),
    return: (value?: unknown) => source.return?.(value) ?? Promise.resolve({ done: true, value }),
  };
}

/**
 * Pass each chunk through (its facts are taken before it is handed on, so a consumer that stops
 * right after the usage chunk still counts it) and end the operation exactly once:
 * - the stream completed: `end` (usage missing if the server sent none);
 * - it threw (dropped connection, malformed chunk, in-stream error): `fail`, with the usage if it
 *   had already arrived;
 * - the consumer stopped early (`break`, `return`, a `toReadableStream()` cancel) or aborted
 *   through `stream.controller`: `abandon`, or `end` when the usage had already arrived.
 *
 * A forwarding iterator rather than an `async function*`: each chunk costs one `then` on the
 * SDK's own promise instead of the generator's queue, its resumption and its extra promises.
 * Once the operation has ended the iterator is done, as a finished generator would be.
 */
function observeChunks(
  source: AsyncIterator<unknown>,
  controller: AbortController,
  call: ObservedCall,
  facts: StreamFacts,
): AsyncIterableIterator<unknown> {
  let ended = false;
  const finishOrAbandon = (completed: boolean): void => {
    if (ended) return;
    ended = true;
    if (facts.hasUsage || (completed && !controller.signal.aborted)) call.finish(() => facts.result());
    else call.abandon();
  };
  const onResult = (result: IteratorResult<unknown>): IteratorResult<unknown> => {
    if (result.done === true) {
      finishOrAbandon(true);
      return { done: true, value: undefined };
    }
    call.chunk(result.value);
    return result;
  };
  const onError = (error: unknown): never => {
    if (!ended) {
      ended = true;
      call.fail(error, () => (facts.hasUsage ? facts.result() : undefined));
    }
    throw error;
  };
  const done: IteratorResult<unknown> = { done: true, value: undefined };
  return {
    next: () => (ended ? Promise.resolve(done) : source.next().then(onResult, onError)),
    async return(): Promise<IteratorResult<unknown>> {
      if (ended) return done;
      finishOrAbandon(false);
      await source.return?.();
      return done;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
