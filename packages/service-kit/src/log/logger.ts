import type { Redactor } from './redact.js';

/** How much a service logs; `silent` logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** Every {@link LogLevel}, quietest last: the values `--log-level` accepts, in the order its message lists them. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Extra structured fields of a log line. Never put tokens, keys, headers or payload text here. */
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
 * default to stderr. With a `redactor`, every string (the message and each string field) passes
 * through it first; without one, the line holds the strings as given.
 *
 * @param level the quietest level written; `silent` writes nothing.
 * @param write receives each line, `\n` included.
 * @param redactor removes secrets from each string, e.g. a {@link Redactor}.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
  redactor?: Pick<Redactor, 'redact'>,
): Logger {
  const threshold = level === 'silent' ? Number.POSITIVE_INFINITY : SEVERITY[level];
  const log =
    (lineLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}): void => {
      if (SEVERITY[lineLevel] < threshold) return;
      const line =
        redactor === undefined
          ? { time: new Date().toISOString(), level: lineLevel, msg: message, ...fields }
          : {
              time: new Date().toISOString(),
              level: lineLevel,
              msg: redactor.redact(message),
              ...redacted(fields, redactor),
            };
      write(`${JSON.stringify(line)}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function redacted(fields: LogFields, redactor: Pick<Redactor, 'redact'>): LogFields {
  const result: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    result[name] = typeof value === 'string' ? redactor.redact(value) : value;
  }
  return result;
}
