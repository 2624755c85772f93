import type { WorkloadCounts } from './worker-protocol.js';
import type { WorkloadStep } from './workload-plan.js';

/** Sends one step through an SDK; rejects when the request failed. */
export interface StepDriver {
  run(step: WorkloadStep, signal: AbortSignal): Promise<void>;
}

/** Options of {@link WorkloadRunner}. */
export interface WorkloadRunnerOptions {
  plan: Iterator<WorkloadStep>;
  driver: StepDriver;
  /** Steps started per second. */
  rate: number;
  /** Steps in flight at most; a tick with this many in flight starts nothing (default 8). */
  maxInFlight?: number;
  /** How long {@link WorkloadRunner.stop} waits for steps in flight before aborting them (default 5 s). */
  graceMs?: number;
  /** Called after every step settles, with the counts so far. */
  onSettled?: (counts: WorkloadCounts) => void;
  /** Called when a step fails. */
  onError?: (step: WorkloadStep, error: unknown) => void;
}

/**
 * Sends the steps of a plan at a steady rate with bounded concurrency, and stops cleanly: no new
 * steps, a grace period for the ones in flight, then an abort for the rest.
 */
export class WorkloadRunner {
  private readonly counts: WorkloadCounts = { sent: 0, succeeded: 0, failed: 0 };
  /** Each step gets its own controller: SDKs add listeners to a signal and not all remove them. */
  private readonly inFlight = new Map<Promise<void>, AbortController>();
  private timer: NodeJS.Timeout | undefined;
  private stopping: Promise<WorkloadCounts> | undefined;

  constructor(private readonly options: WorkloadRunnerOptions) {}

  /** Starts sending: one step now, then one every `1 / rate` seconds. */
  start(): void {
    if (this.timer !== undefined || this.stopping !== undefined) return;
    this.timer = setInterval(() => this.tick(), 1000 / this.options.rate);
    this.tick();
  }

  /** The counts so far. */
  snapshot(): WorkloadCounts {
    return { ...this.counts };
  }

  /** Stops sending and settles every step in flight; resolves with the final counts. Idempotent. */
  stop(): Promise<WorkloadCounts> {
    this.stopping ??= this.settle();
    return this.stopping;
  }

  private async settle(): Promise<WorkloadCounts> {
    clearInterval(this.timer);
    const grace = new Promise<void>((resolve) => setTimeout(resolve, this.options.graceMs ?? 5000).unref());
    await Promise.race([Promise.allSettled([...this.inFlight.keys()]), grace]);
    for (const controller of this.inFlight.values()) controller.abort(new Error('the demo is stopping'));
    await Promise.allSettled([...this.inFlight.keys()]);
    return this.snapshot();
  }

  private tick(): void {
    if (this.stopping !== undefined || this.inFlight.size >= (this.options.maxInFlight ?? 8)) return;
    const step = this.options.plan.next();
    if (step.done) return;
    this.counts.sent += 1;
    const controller = new AbortController();
    const running = this.options.driver
      .run(step.value, controller.signal)
      .then(
        () => {
          this.counts.succeeded += 1;
        },
        (error: unknown) => {
          this.counts.failed += 1;
          this.options.onError?.(step.value, error);
        },
      )
      .finally(() => {
        this.inFlight.delete(running);
        this.options.onSettled?.(this.snapshot());
      });
    this.inFlight.set(running, controller);
  }
}
