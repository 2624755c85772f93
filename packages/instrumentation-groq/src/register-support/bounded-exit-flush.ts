/**
 * How long the process may wait at exit for its last telemetry: long enough for a reachable
 * collector (a local one answers in milliseconds), short enough that an unreachable one does not
 * keep a finished script alive through the OTLP exporters' retries (10 s by default).
 */
export const EXIT_FLUSH_TIMEOUT_MS = 1000;

/**
 * Runs `flush` and resolves when it settles (`true`) or after `timeoutMs` (`false`), whichever
 * comes first. Never rejects: telemetry must not throw into the app.
 */
export function boundedFlush(
  flush: () => Promise<void>,
  timeoutMs: number = EXIT_FLUSH_TIMEOUT_MS,
): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const deadline = setTimeout(() => resolve(false), timeoutMs);
    flush()
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(deadline);
        resolve(true);
      });
  });
}
