/** The type name of the warning, as Node prints it: `(node:PID) GroqmeterTelemetryWarning: ...`. */
export const TELEMETRY_WARNING_TYPE = 'GroqmeterTelemetryWarning';

/**
 * One warning per process that telemetry is not reaching its OTLP endpoints: an unreachable
 * endpoint fails every export, and the app's own output must not fill up with the same line.
 * Later failures still reach OpenTelemetry's diagnostic logger (`OTEL_LOG_LEVEL`).
 */
export class TelemetryWarning {
  #warned = false;

  constructor(private readonly endpoints: readonly string[]) {}

  /** Warns, the first time only, that telemetry could not be sent, and why (`reason`). */
  warnOnce(reason: string): void {
    if (this.#warned) return;
    this.#warned = true;
    try {
      process.emitWarning(
        `telemetry could not be sent to ${this.endpoints.join(', ') || 'its OTLP endpoint'} (${reason}); ` +
          'the app is not affected and its telemetry is dropped. Shown once per process; ' +
          'OTEL_LOG_LEVEL=debug shows every failure.',
        TELEMETRY_WARNING_TYPE,
      );
    } catch {
      // A warning that cannot be written must not reach the app.
    }
  }
}

/** A short reason for an export failure: the error's message, or what was thrown. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
