import type { OperationHandle, Recorder } from '@groqmeter/recorder';
import { context, INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';

/** A recorder that records nothing: what an adapter costs with it is the adapter's own work. */
export function doNothingRecorder(): Recorder {
  const span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  const nothing = (): void => {};
  return {
    start(): OperationHandle {
      return {
        context: context.active(),
        span,
        attempt: nothing,
        chunk: nothing,
        end: nothing,
        fail: nothing,
        abandon: nothing,
      };
    },
    dropped: nothing,
  };
}
