/**
 * The count of forwarded calls whose telemetry is still being recorded after their answer went
 * out (an upload's duration is read after the answer), so that shutdown can wait for them. A
 * counter rather than a promise per call: the common case, nobody waiting, costs two increments.
 */
export class PendingRecordings {
  private count = 0;
  private waiting: Array<() => void> = [];

  /** One more call is being recorded. */
  started(): void {
    this.count += 1;
  }

  /** A call's recording ended (bound: it is handed out as a callback). */
  readonly finished = (): void => {
    this.count -= 1;
    if (this.count === 0) for (const wake of this.waiting.splice(0)) wake();
  };

  /** Resolves once no call is being recorded. */
  settled(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
