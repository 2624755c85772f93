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

/** Microseconds of CPU (user + system) of this process: robust to other work on a shared machine. */
export function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}
