import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAME_INTERRUPT_MS, waitForStopRequest } from './stop-request.js';

afterEach(() => {
  vi.useRealTimers();
});

const never = new Promise<string>(() => {});

describe('waitForStopRequest', () => {
  it('stops when the duration is up', async () => {
    vi.useFakeTimers();
    const request = waitForStopRequest({
      durationSeconds: 8,
      signals: new EventEmitter(),
      crash: never,
      onSecondSignal: () => {},
    });
    await vi.advanceTimersByTimeAsync(8000);
    await expect(request.reason).resolves.toBe('8 s are up');
    request.dispose();
  });

  it('stops on the first signal and hands a later one to onSecondSignal', async () => {
    vi.useFakeTimers();
    const signals = new EventEmitter();
    const second: string[] = [];
    const request = waitForStopRequest({
      signals,
      crash: never,
      onSecondSignal: (signal) => second.push(signal),
    });
    signals.emit('SIGTERM', 'SIGTERM');
    await expect(request.reason).resolves.toBe('SIGTERM received');
    // pnpm forwards the Ctrl-C the terminal already sent: the same interrupt, not a second one
    await vi.advanceTimersByTimeAsync(50);
    signals.emit('SIGINT', 'SIGINT');
    expect(second).toEqual([]);
    await vi.advanceTimersByTimeAsync(SAME_INTERRUPT_MS);
    signals.emit('SIGINT', 'SIGINT');
    expect(second).toEqual(['SIGINT']);
    request.dispose();
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('stops when a part of the demo crashed', async () => {
    const request = waitForStopRequest({
      signals: new EventEmitter(),
      crash: Promise.resolve('the langchain workload exited unexpectedly (1)'),
      onSecondSignal: () => {},
    });
    await expect(request.reason).resolves.toBe('the langchain workload exited unexpectedly (1)');
    request.dispose();
  });
});
