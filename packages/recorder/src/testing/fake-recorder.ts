import { context, trace } from '@opentelemetry/api';
import type {
  AttemptFacts,
  OperationFailure,
  OperationHandle,
  OperationResult,
  OperationStart,
  Recorder,
} from '../types.js';

/** A call made on an operation handle. */
export type OperationEvent =
  | { type: 'attempt'; facts: AttemptFacts }
  | { type: 'chunk' }
  | { type: 'end'; result: OperationResult }
  | { type: 'fail'; failure: OperationFailure }
  | { type: 'abandon' };

/** A call made on the fake recorder or on one of its handles. */
export type RecorderCall =
  | { type: 'start'; start: OperationStart }
  | OperationEvent
  | { type: 'dropped'; reason: string; count?: number };

/** One operation started on the fake recorder. */
export interface FakeOperation {
  start: OperationStart;
  /**
   * The handle calls the real recorder acts on, in order: every `attempt` and `chunk` until the
   * first `end`, `fail` or `abandon`, which is the last event (later calls are ignored, as the
   * recorder ignores them).
   */
  events: OperationEvent[];
}

/** A {@link Recorder} that records nothing and remembers everything it was told. */
export interface FakeRecorder extends Recorder {
  /** Every operation started, in order. */
  readonly operations: FakeOperation[];
  /**
   * Every call, in order, across operations, including those a handle ignored (a second `end`
   * shows here, not in {@link FakeOperation.events}) and `dropped` counts.
   */
  readonly calls: RecorderCall[];
  /** The types of {@link FakeRecorder.calls}, with each run of chunks collapsed to `chunk×n`. */
  readonly sequence: string[];
}

/** The span of a fake handle: valid ids (so HTTP spans can nest under it), never recording. */
const FAKE_SPAN_CONTEXT = { traceId: '1'.repeat(32), spanId: '2'.repeat(16), traceFlags: 1 };

/**
 * A recorder implementing the adapter contract that keeps the facts it is handed, for asserting
 * on them exactly in tests of an adapter (or of any code that takes a `Recorder`). Its handles
 * follow the contract: the first of `end`, `fail` and `abandon` wins.
 *
 * @example
 * const recorder = createFakeRecorder();
 * await generateText({ model: wrapLanguageModel({ model, middleware: groqmeter({ recorder }) }), prompt });
 * expect(recorder.operations[0]?.events.at(-1)).toEqual({ type: 'end', result: { ... } });
 */
export function createFakeRecorder(): FakeRecorder {
  const operations: FakeOperation[] = [];
  const calls: RecorderCall[] = [];
  return {
    operations,
    calls,
    get sequence() {
      return collapsedSequence(calls);
    },
    dropped(reason, count) {
      calls.push(count === undefined ? { type: 'dropped', reason } : { type: 'dropped', reason, count });
    },
    start(start): OperationHandle {
      calls.push({ type: 'start', start });
      const operation: FakeOperation = { start, events: [] };
      operations.push(operation);
      let finished = false;
      const record = (event: OperationEvent, finishes: boolean): void => {
        calls.push(event);
        if (finished) return;
        finished = finishes;
        operation.events.push(event);
      };
      const span = trace.wrapSpanContext(FAKE_SPAN_CONTEXT);
      return {
        context: trace.setSpan(context.active(), span),
        span,
        attempt: (facts) => record({ type: 'attempt', facts }, false),
        chunk: () => record({ type: 'chunk' }, false),
        end: (result) => record({ type: 'end', result }, true),
        fail: (failure) => record({ type: 'fail', failure }, true),
        abandon: () => record({ type: 'abandon' }, true),
      };
    },
  };
}

function collapsedSequence(calls: readonly RecorderCall[]): string[] {
  const sequence: string[] = [];
  let chunks = 0;
  for (const { type } of calls) {
    if (type === 'chunk') {
      chunks += 1;
      if (chunks > 1) sequence.pop();
      sequence.push(chunks === 1 ? 'chunk' : `chunk×${chunks}`);
    } else {
      chunks = 0;
      sequence.push(type);
    }
  }
  return sequence;
}
