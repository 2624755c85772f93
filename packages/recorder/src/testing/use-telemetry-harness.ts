import { installAsyncContext } from './async-context.js';
import {
  createTelemetryHarness,
  type TelemetryHarness,
  type TelemetryHarnessOptions,
} from './telemetry-harness.js';

/** The lifecycle hooks of a test framework (vitest's, jest's and mocha's fit). */
export interface TestLifecycleHooks {
  beforeAll(fn: () => unknown): void;
  beforeEach(fn: () => unknown): void;
  afterAll(fn: () => unknown): void;
}

/**
 * One {@link TelemetryHarness} for a test file, registered on the framework's hooks: an
 * AsyncLocalStorage context manager for the file ({@link installAsyncContext}), a reset before
 * every test, and a shutdown after the last one.
 *
 * @example
 * import { afterAll, beforeAll, beforeEach } from 'vitest';
 * const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll });
 */
export function useTelemetryHarness(
  hooks: TestLifecycleHooks,
  options: TelemetryHarnessOptions = {},
): TelemetryHarness {
  const harness = createTelemetryHarness(options);
  let undoContext: (() => void) | undefined;
  hooks.beforeAll(() => {
    undoContext = installAsyncContext();
  });
  hooks.beforeEach(() => harness.reset());
  hooks.afterAll(async () => {
    await harness.shutdown();
    undoContext?.();
  });
  return harness;
}
