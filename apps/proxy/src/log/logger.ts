import type { LogLevel } from '../config/proxy-config.js';

/** Fields of a log line. Never put keys, tokens, headers or message content here. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A structured logger: one JSON object per line. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const SEVERITY: Record<Exclude<LogLevel, 'silent'>, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Writes `{"time":…,"level":…,"msg":…,…fields}` lines at or above `level`, by default to stderr. */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = level === 'silent' ? Number.POSITIVE_INFINITY : SEVERITY[level];
  const log =
    (lineLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}): void => {
      if (SEVERITY[lineLevel] < threshold) return;
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg: message, ...fields })}\n`,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
