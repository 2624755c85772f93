import { createFakeRecorder } from '@groqmeter/recorder/testing';
import { describe, expect, it } from 'vitest';
import { RunRegistry } from './run-registry.js';

const start = {
  operation: 'chat' as const,
  source: 'langchain' as const,
  requestModel: 'openai/gpt-oss-20b',
};

describe('RunRegistry', () => {
  it("abandons a run when its call's signal fires, and forgets it", () => {
    const recorder = createFakeRecorder();
    const runs = new RunRegistry(() => recorder);
    const controller = new AbortController();
    runs.begin('run-1', start, true, controller.signal);
    controller.abort();
    runs.end('run-1', () => ({ usage: { inputTokens: 1 } }));
    expect(recorder.operations.map((operation) => [operation.start.stream, operation.events])).toEqual([
      [true, [{ type: 'abandon' }]],
    ]);
  });

  it('stops listening to the signal once the run ended', () => {
    const recorder = createFakeRecorder();
    const runs = new RunRegistry(() => recorder);
    const controller = new AbortController();
    runs.begin('run-2', start, false, controller.signal);
    runs.end('run-2', () => ({}));
    controller.abort();
    expect(recorder.operations.map((operation) => operation.events)).toEqual([[{ type: 'end', result: {} }]]);
  });

  it('takes the oldest pending run as abandoned at its last chunk once too many are pending', () => {
    const recorder = createFakeRecorder();
    const runs = new RunRegistry(() => recorder, 2);
    runs.begin('left-early', start, false, undefined);
    runs.chunk('left-early', { text: 'Hi' }, true);
    runs.begin('run-b', start, false, undefined);
    runs.begin('run-c', start, false, undefined);

    expect(recorder.operations).toHaveLength(1);
    expect(recorder.operations[0]?.events).toEqual([{ type: 'chunk' }, { type: 'abandon' }]);
    runs.end('run-b', () => ({}));
    runs.end('run-c', () => ({}));
    expect(recorder.operations.map((operation) => operation.events.at(-1)?.type)).toEqual([
      'abandon',
      'end',
      'end',
    ]);
  });

  it('does nothing for runs it does not know', () => {
    const recorder = createFakeRecorder();
    const runs = new RunRegistry(() => recorder);
    runs.chunk('unknown', {}, true);
    runs.end('unknown', () => ({}));
    runs.fail('unknown', new Error('boom'));
    runs.abandon('unknown');
    expect(runs.operation('unknown')).toBeUndefined();
    expect(recorder.operations).toEqual([]);
  });
});
