import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createRecorder } from '../src/recorder.js';
import type { TelemetryHarness } from '../src/testing/telemetry-harness.js';
import { useTelemetryHarness } from '../src/testing/use-telemetry-harness.js';
import type { Recorder, RecorderOptions } from '../src/types.js';

/** The harness of a recorder test file plus recorders wired to it. */
export interface RecorderTestbed {
  readonly harness: TelemetryHarness;
  recorder(options?: RecorderOptions): Recorder;
}

/**
 * Register the vitest hooks of a recorder test file: AsyncLocalStorage context for the file, and
 * an in-memory harness emptied before every test.
 */
export function useRecorderTestbed(): RecorderTestbed {
  const harness = useTelemetryHarness({ beforeAll, beforeEach, afterAll });
  return {
    harness,
    recorder: (options = {}) =>
      createRecorder({
        tracerProvider: harness.tracerProvider,
        meterProvider: harness.meterProvider,
        ...options,
      }),
  };
}
