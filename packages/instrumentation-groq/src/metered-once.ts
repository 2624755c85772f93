import { type CallTelemetry, reportSetupFailure } from './call-observer.js';

/**
 * Ids of results already metered, for results read again and again until they end (an Assistants
 * run, a background response): the first read of an ended one is metered, the others are not.
 * Bounded: the oldest ids go first.
 */
export class MeteredOnce {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** True the first time `id` is seen. */
  claim(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}

/** Runs `meter`, counting its failure as the instrumentation's own instead of throwing it. */
export function safelyMeter(telemetry: CallTelemetry, meter: () => void): void {
  try {
    meter();
  } catch (error) {
    reportSetupFailure(telemetry, error);
  }
}
