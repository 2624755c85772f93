import type {
  AttemptFacts,
  OperationFailure,
  OperationHandle,
  OperationResult,
  OperationStart,
  Recorder,
} from '@groqmeter/recorder';
import { context, INVALID_SPAN_CONTEXT, trace } from '@opentelemetry/api';

/** What a stub operation was told, in order. */
export type RecordedEvent =
  | { type: 'start'; start: OperationStart }
  | { type: 'attempt'; facts: AttemptFacts }
  | { type: 'chunk' }
  | { type: 'end'; result: OperationResult }
  | { type: 'fail'; failure: OperationFailure }
  | { type: 'abandon' }
  | { type: 'dropped'; reason: string };

/** A recorder implementing the contract that only remembers what it was told. */
export class StubRecorder implements Recorder {
  readonly events: RecordedEvent[] = [];

  start(start: OperationStart): OperationHandle {
    this.events.push({ type: 'start', start });
    const events = this.events;
    return {
      context: context.active(),
      span: trace.wrapSpanContext(INVALID_SPAN_CONTEXT),
      attempt: (facts) => events.push({ type: 'attempt', facts }),
      chunk: () => events.push({ type: 'chunk' }),
      end: (result) => events.push({ type: 'end', result }),
      fail: (failure) => events.push({ type: 'fail', failure }),
      abandon: () => events.push({ type: 'abandon' }),
    };
  }

  dropped(reason: string): void {
    this.events.push({ type: 'dropped', reason });
  }

  /** The event types, in order (`chunk` runs collapsed to one `chunk×n`). */
  get sequence(): string[] {
    const sequence: string[] = [];
    for (const { type } of this.events) {
      const last = sequence.at(-1);
      if (type === 'chunk' && last?.startsWith('chunk')) {
        const count = last === 'chunk' ? 1 : Number(last.slice('chunk×'.length));
        sequence[sequence.length - 1] = `chunk×${count + 1}`;
      } else {
        sequence.push(type);
      }
    }
    return sequence;
  }
}
