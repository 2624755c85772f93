/** Anything SIGINT/SIGTERM handlers can be added to and removed from (`process`, in the CLI). */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Where stop requests come from. */
export interface StopSources {
  /** Stop after this many seconds; never when undefined. */
  durationSeconds?: number;
  /** SIGINT and SIGTERM arrive here. */
  signals: SignalSource;
  /** Settles when a part of the demo died on its own, with a description. */
  crash: Promise<string>;
  /** A second SIGINT/SIGTERM: the user wants out now. */
  onSecondSignal: (signal: NodeJS.Signals) => void;
}

/** A pending stop request. */
export interface StopRequest {
  /** Resolves with why the demo stops (`20 s are up`, `SIGINT received`, ...). */
  reason: Promise<string>;
  /** Removes the signal handlers and the timer. */
  dispose(): void;
}

/**
 * Signals this close to the first are the same Ctrl-C delivered twice: the terminal signals the
 * whole process group and `pnpm start` forwards the signal to its child as well.
 */
export const SAME_INTERRUPT_MS = 1000;

/**
 * Waits for the first of: the duration ending, SIGINT/SIGTERM, or a crash. Signals stay handled
 * until {@link StopRequest.dispose}, so a second one (while the demo shuts down) reaches
 * `onSecondSignal` instead of killing the process without its cleanup.
 */
export function waitForStopRequest(sources: StopSources): StopRequest {
  let stop: (reason: string) => void = () => {};
  const reason = new Promise<string>((resolve) => {
    stop = resolve;
  });
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      stop(`${signal} received`);
    } else if (Date.now() - firstSignalAt >= SAME_INTERRUPT_MS) {
      sources.onSecondSignal(signal);
    }
  };
  sources.signals.on('SIGINT', onSignal);
  sources.signals.on('SIGTERM', onSignal);
  const seconds = sources.durationSeconds;
  const timer =
    seconds === undefined ? undefined : setTimeout(() => stop(`${seconds} s are up`), seconds * 1000);
  void sources.crash.then(stop);
  return {
    reason,
    dispose: () => {
      clearTimeout(timer);
      sources.signals.off('SIGINT', onSignal);
      sources.signals.off('SIGTERM', onSignal);
    },
  };
}
