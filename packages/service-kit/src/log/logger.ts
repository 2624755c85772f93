import { Redactor } from './redact.js';

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
 * default to stderr. Every string (the message and each string field) is redacted first: it loses
 * the given `secrets`, any Groq key, bearer token or URL credentials, and is cut to about a
 * kilobyte (see {@link Redactor}). Services log strings that come from outside them (error
 * messages of upstream calls, URLs as configured), so no line is written unredacted.
 *
 * @param level the quietest level written; `silent` writes nothing.
 * @param write receives each line, `\n` included.
 * @param secrets values never to log (API key, tokens); undefined and empty ones are skipped.
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
  secrets: readonly (string | undefined)[] = [],
): Logger {
  const redactor = new Redactor(secrets);
  const threshold = level === 'silent' ? Number.POSITIVE_INFINITY : SEVERITY[level];
  const log =
    (lineLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}): void => {
      if (SEVERITY[lineLevel] < threshold) return;
      const line = {
        time: new Date().toISOString(),
        level: lineLevel,
        msg: redactor.redact(message),
        ...redacted(fields, redactor),
      };
      write(`${JSON.stringify(line)}\n`);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function redacted(fields: LogFields, redactor: Redactor): LogFields {
  const result: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    result[name] = typeof value === 'string' ? redactor.redact(value) : value;
  }
  return result;
}
