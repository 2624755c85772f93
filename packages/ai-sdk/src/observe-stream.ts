/** Callbacks of {@link observeStream}; each is called synchronously as the consumer reads. */
export interface StreamObserver<T> {
  /** A part passes by; return `false` to drop it from the consumer's stream. */
  part(part: T): boolean;
  /** The source ended normally. */
  done(): void;
  /** The source failed (network error, abort); the consumer's stream fails with the same error. */
  error(error: unknown): void;
  /** The consumer cancelled its stream before the end. */
  cancel(): void;
}

/**
 * A pass-through copy of `source` that reports every part, the end, a failure and a cancellation
 * to `observer`. Pull-based: a part is read from the source only when the consumer asks for one,
 * so nothing is buffered and back-pressure is kept. A hand-made `ReadableStream` rather than a
 * `TransformStream`, because a transformer is not told about source errors or cancellation on
 * every runtime Node 20 covers (and a pipe costs every part several more promises).
 *
 * This runs for every part of every stream, so it is written for the fewest promises: `pull`
 * starts one `read().then` and returns nothing (no async function's promise, no `await`), and a
 * dropped part reads on from its callback; the part is enqueued into the consumer's pending read.
 */
export function observeStream<T>(source: ReadableStream<T>, observer: StreamObserver<T>): ReadableStream<T> {
  const reader = source.getReader();
  let controller!: ReadableStreamDefaultController<T>;
  // A read of the source is under way: a pull that comes meanwhile waits for its part.
  let reading = false;
  const failed = (error: unknown): void => {
    try {
      controller.error(error);
    } catch {
      // The consumer's stream is closed already (it was cancelled): nothing is left to fail.
    }
  };
  const readNext = (): void => {
    reading = true;
    reader.read().then(passOn, sourceFailed);
  };
  const passOn = (next: ReadableStreamReadResult<T>): void => {
    try {
      if (next.done) {
        reading = false;
        observer.done();
        controller.close();
      } else if (observer.part(next.value)) {
        // Before the enqueue, which may call `pull` again at once for a read already waiting.
        reading = false;
        controller.enqueue(next.value);
      } else {
        readNext();
      }
    } catch (error) {
      reading = false;
      failed(error);
    }
  };
  const sourceFailed = (error: unknown): void => {
    reading = false;
    observer.error(error);
    failed(error);
  };
  return new ReadableStream<T>(
    {
      start(streamController) {
        controller = streamController;
      },
      pull() {
        if (!reading) readNext();
      },
      cancel(reason) {
        observer.cancel();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
