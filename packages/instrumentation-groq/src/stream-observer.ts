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
 * them. It is built with the SDK's own `Stream` class and public constructor, so `tee()`,
 * `toReadableStream()`, `controller` and `instanceof Stream` behave as before; `tee()` iterates
 * the observed iterator once, so each chunk is recorded once. A second iteration gets the SDK's
 * own "consumed stream" error and is not recorded again.
 */
export function observeStream(
  stream: StreamLike,
  call: ObservedCall,
  facts: StreamFacts,
  client: unknown,
): StreamLike {
  const StreamClass = stream.constructor as StreamConstructor;
  let observing = false;
  return new StreamClass(
    () => {
      const source = stream[Symbol.asyncIterator]();
      if (observing) return source;
      observing = true;
      return observeChunks(source, stream.controller, call, facts);
    },
    stream.controller,
    client,
  );
}

/**
 * Pass each chunk through (its facts are taken before it is handed on, so a consumer that stops
 * right after the usage chunk still counts it) and end the operation exactly once, in `finally`:
 * - the stream completed: `end` (usage missing if the server sent none);
 * - it threw (dropped connection, malformed chunk, in-stream error): `fail`, with the usage if it
 *   had already arrived;
 * - the consumer stopped early (`break`, `return`, a `toReadableStream()` cancel) or aborted
 *   through `stream.controller`: `abandon`, or `end` when the usage had already arrived.
 */
async function* observeChunks(
  source: AsyncIterator<unknown>,
  controller: AbortController,
  call: ObservedCall,
  facts: StreamFacts,
): AsyncGenerator<unknown, void, undefined> {
  let completed = false;
  let failed = false;
  try {
    for await (const chunk of { [Symbol.asyncIterator]: () => source }) {
      call.chunk(chunk);
      yield chunk;
    }
    completed = true;
  } catch (error) {
    failed = true;
    call.fail(error, () => (facts.hasUsage ? facts.result() : undefined));
    throw error;
  } finally {
    if (!failed) {
      if (facts.hasUsage || (completed && !controller.signal.aborted)) call.finish(() => facts.result());
      else call.abandon();
    }
  }
}
