import { context, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createFakeRecorder } from './fake-recorder.js';

const START = { operation: 'chat', source: 'ai-sdk', requestModel: 'openai/gpt-oss-20b' } as const;

describe('createFakeRecorder', () => {
  it('keeps each operation’s start and the events the recorder would act on', () => {
    const recorder = createFakeRecorder();
    const handle = recorder.start(START);
    handle.attempt({ status: 200 });
    handle.chunk();
    handle.end({ usage: { inputTokens: 3 } });
    handle.fail({ error: new Error('late') });
    handle.chunk();
    recorder.start({ ...START, stream: true }).abandon();

    expect(recorder.operations).toEqual([
      {
        start: START,
        events: [
          { type: 'attempt', facts: { status: 200 } },
          { type: 'chunk' },
          { type: 'end', result: { usage: { inputTokens: 3 } } },
        ],
      },
      { start: { ...START, stream: true }, events: [{ type: 'abandon' }] },
    ]);
  });

  it('lists every call as made, ignored ones and dropped counts included', () => {
    const recorder = createFakeRecorder();
    const handle = recorder.start(START);
    handle.chunk();
    handle.chunk();
    handle.chunk();
    recorder.dropped('recorder_error');
    handle.chunk();
    handle.end({});
    handle.end({});
    recorder.dropped('series_cap', 3);

    expect(recorder.sequence).toEqual(['start', 'chunk×3', 'dropped', 'chunk', 'end', 'end', 'dropped']);
    expect(recorder.calls.filter((call) => call.type === 'dropped')).toEqual([
      { type: 'dropped', reason: 'recorder_error' },
      { type: 'dropped', reason: 'series_cap', count: 3 },
    ]);
  });

  it('hands out a non-recording span in a context that carries it', () => {
    const handle = createFakeRecorder().start(START);
    expect(handle.span.isRecording()).toBe(false);
    expect(trace.getSpan(handle.context)).toBe(handle.span);
    expect(handle.span.spanContext().traceId).toBe('1'.repeat(32));
    expect(trace.getSpan(context.active())).toBeUndefined();
  });
});
