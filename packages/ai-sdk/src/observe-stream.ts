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
 * every runtime Node 20 covers.
 */
export function observeStream<T>(source: ReadableStream<T>, observer: StreamObserver<T>): ReadableStream<T> {
  const reader = source.getReader();
  return new ReadableStream<T>(
    {
      async pull(controller) {
        // Loop until a part is handed on: a pull that enqueues nothing is not called again.
        for (;;) {
          let next: ReadableStreamReadResult<T>;
          try {
            next = await reader.read();
          } catch (error) {
            observer.error(error);
            controller.error(error);
            return;
          }
          if (next.done) {
            observer.done();
            controller.close();
            return;
          }
          if (observer.part(next.value)) {
            controller.enqueue(next.value);
            return;
          }
        }
      },
      async cancel(reason) {
        observer.cancel();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
