import { describe, expect, it } from 'vitest';
import { observeStream, type StreamObserver } from './observe-stream.js';

function recordingObserver(drop: (part: string) => boolean = () => false) {
  const events: string[] = [];
  const observer: StreamObserver<string> = {
    part(part) {
      events.push(`part:${part}`);
      return !drop(part);
    },
    done: () => events.push('done'),
    error: (error) => events.push(`error:${(error as Error).message}`),
    cancel: () => events.push('cancel'),
  };
  return { events, observer };
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const parts: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const next = await reader.read();
    if (next.done) return parts;
    parts.push(next.value);
  }
}

describe('observeStream', () => {
  it('passes every part through and reports the end once', async () => {
    const { events, observer } = recordingObserver();
    const source = new ReadableStream<string>({
      start(controller) {
        for (const part of ['a', 'b']) controller.enqueue(part);
        controller.close();
      },
    });
    expect(await readAll(observeStream(source, observer))).toEqual(['a', 'b']);
    expect(events).toEqual(['part:a', 'part:b', 'done']);
  });

  it('drops the parts the observer rejects, even several in a row', async () => {
    const { events, observer } = recordingObserver((part) => part.startsWith('raw'));
    const source = new ReadableStream<string>({
      start(controller) {
        for (const part of ['raw1', 'raw2', 'text', 'raw3']) controller.enqueue(part);
        controller.close();
      },
    });
    expect(await readAll(observeStream(source, observer))).toEqual(['text']);
    expect(events).toEqual(['part:raw1', 'part:raw2', 'part:text', 'part:raw3', 'done']);
  });

  it('reads the source only as fast as the consumer', async () => {
    let pulls = 0;
    const source = new ReadableStream<string>(
      {
        pull(controller) {
          pulls += 1;
          controller.enqueue(`p${pulls}`);
        },
      },
      { highWaterMark: 0 },
    );
    const reader = observeStream(source, recordingObserver().observer).getReader();
    await reader.read();
    await reader.read();
    expect(pulls).toBe(2);
    await reader.cancel();
  });

  it('reports a failing source and fails the copy with the same error', async () => {
    const { events, observer } = recordingObserver();
    const boom = new Error('connection reset');
    const source = new ReadableStream<string>({
      start(controller) {
        controller.enqueue('a');
      },
      pull(controller) {
        controller.error(boom);
      },
    });
    const reader = observeStream(source, observer).getReader();
    expect(await reader.read()).toEqual({ done: false, value: 'a' });
    await expect(reader.read()).rejects.toBe(boom);
    expect(events).toEqual(['part:a', 'error:connection reset']);
  });

  it('reports a consumer that cancels and cancels the source', async () => {
    const { events, observer } = recordingObserver();
    let sourceCancelReason: unknown;
    const source = new ReadableStream<string>({
      pull(controller) {
        controller.enqueue('a');
      },
      cancel(reason) {
        sourceCancelReason = reason;
      },
    });
    const reader = observeStream(source, observer).getReader();
    await reader.read();
    await reader.cancel('enough');
    expect(events).toEqual(['part:a', 'cancel']);
    expect(sourceCancelReason).toBe('enough');
  });
});
