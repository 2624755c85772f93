import type {
  AttemptFacts,
  OperationFailure,
  OperationHandle,
  OperationResult,
  OperationStart,
  Recorder,
} from '@groqmeter/recorder';
import { context, trace } from '@opentelemetry/api';

/** What an adapter told one operation handle, in order. */
export type HandleEvent =
  | { type: 'attempt'; facts: AttemptFacts }
  | { type: 'chunk' }
  | { type: 'end'; result: OperationResult }
  | { type: 'fail'; failure: OperationFailure }
  | { type: 'abandon' };

export interface RecordedOperation {
  start: OperationStart;
  events: HandleEvent[];
}

/** A recorder that keeps the facts adapters hand it, for asserting on them exactly. */
export function createFakeRecorder(): Recorder & { operations: RecordedOperation[] } {
  const operations: RecordedOperation[] = [];
  return {
    operations,
    dropped: () => undefined,
    start(start: OperationStart): OperationHandle {
      const operation: RecordedOperation = { start, events: [] };
      operations.push(operation);
      // Like the recorder: the first of end, fail and abandon takes effect, later calls do nothing.
      let finished = false;
      const finish = (event: HandleEvent): void => {
        if (finished) return;
        finished = true;
        operation.events.push(event);
      };
      const span = trace.wrapSpanContext({ traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 });
      return {
        context: trace.setSpan(context.active(), span),
        span,
        attempt: (facts) => operation.events.push({ type: 'attempt', facts }),
        chunk: () => operation.events.push({ type: 'chunk' }),
        end: (result) => finish({ type: 'end', result }),
        fail: (failure) => finish({ type: 'fail', failure }),
        abandon: () => finish({ type: 'abandon' }),
      };
    },
  };
}
