import type { LogLevel } from '../config/exporter-config.js';
import { Redactor } from './redact.js';

/** Extra structured fields of a log line. Never put tokens, keys or payload text here. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A structured logger writing one JSON object per line. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const SEVERITY: Record<Exclude<LogLevel, 'silent'>, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A logger that writes `{"time":…,"level":…,"msg":…,…fields}` lines at or above `level`, by
 * default to stderr. Every string (the message and each field) is redacted first: the given
 * `secrets` (API key, tokens), any Groq key, bearer token or URL credentials never reach the log,
 * and no string is longer than a kilobyte or so.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
  secrets: readonly (string | undefined)[] = [],
): Logger {
  const threshold = level === 'silent' ? Number.POSITIVE_INFINITY : SEVERITY[level];
  const redactor = new Redactor(secrets);
  const log =
    (lineLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}): void => {
      if (SEVERITY[lineLevel] < threshold) return;
      const redacted: LogFields = {};
      for (const [name, value] of Object.entries(fields)) {
        redacted[name] = typeof value === 'string' ? redactor.redact(value) : value;
      }
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, msg: redactor.redact(message), ...redacted })}\n`,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
