import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkloadStep } from './workload-plan.js';
import { type StepDriver, WorkloadRunner } from './workload-runner.js';

function* steps(): Generator<WorkloadStep, never> {
  for (let index = 0; ; index += 1) {
    yield {
      index,
      kind: 'chat',
      model: 'openai/gpt-oss-20b',
      feature: 'support-chat',
      system: '',
      text: 'hi',
      injected429: false,
    };
  }
}

/** A driver whose steps settle only when the test says so (or when aborted). */
function controlledDriver() {
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const driver: StepDriver = {
    run: (step, signal) =>
      new Promise<void>((resolve, reject) => {
        pending.set(step.index, { resolve, reject });
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      }),
  };
  return { driver, pending };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('WorkloadRunner', () => {
  it('starts a step at once and then one per 1/rate seconds, counting outcomes', async () => {
    const { driver, pending } = controlledDriver();
    const failures: Array<[number, string]> = [];
    const runner = new WorkloadRunner({
      plan: steps(),
      driver,
      rate: 2,
      onError: (step, error) => failures.push([step.index, (error as Error).message]),
    });
    runner.start();
    expect([...pending.keys()]).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1000);
    expect([...pending.keys()]).toEqual([0, 1, 2]);
    pending.get(0)?.resolve();
    pending.get(1)?.reject(new Error('429 rate limited'));
    await vi.advanceTimersByTimeAsync(0);
    expect(runner.snapshot()).toEqual({ sent: 3, succeeded: 1, failed: 1 });
    expect(failures).toEqual([[1, '429 rate limited']]);
    pending.get(2)?.resolve();
    await expect(runner.stop()).resolves.toEqual({ sent: 3, succeeded: 2, failed: 1 });
  });

  it('starts nothing while maxInFlight steps are in flight', async () => {
    const { driver, pending } = controlledDriver();
    const runner = new WorkloadRunner({ plan: steps(), driver, rate: 10, maxInFlight: 2 });
    runner.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runner.snapshot()).toEqual({ sent: 2, succeeded: 0, failed: 0 });
    pending.get(0)?.resolve();
    await vi.advanceTimersByTimeAsync(100);
    expect(runner.snapshot()).toEqual({ sent: 3, succeeded: 1, failed: 0 });
    pending.get(1)?.resolve();
    pending.get(2)?.resolve();
    await runner.stop();
  });

  it('on stop sends nothing new, waits out the grace period, then aborts what is left', async () => {
    const { driver, pending } = controlledDriver();
    const settled: number[] = [];
    const runner = new WorkloadRunner({
      plan: steps(),
      driver,
      rate: 1,
      graceMs: 3000,
      onSettled: (counts) => settled.push(counts.succeeded + counts.failed),
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(1000);
    const stopped = runner.stop();
    await vi.advanceTimersByTimeAsync(1000);
    pending.get(0)?.resolve();
    await vi.advanceTimersByTimeAsync(2000);
    await expect(stopped).resolves.toEqual({ sent: 2, succeeded: 1, failed: 1 });
    expect(runner.stop()).toBe(stopped);
    expect(settled).toEqual([1, 2]);
    expect([...pending.keys()]).toEqual([0, 1]);
  });
});
