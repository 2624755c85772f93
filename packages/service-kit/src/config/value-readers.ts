/**
 * Readers of setting values as they come from a flag, an environment variable (strings) or a JSON
 * config file (any JSON value). Each returns the value or throws an Error whose message says what
 * was expected and what came (`expected a port number from 0 to 65535, got "70000"`);
 * {@link loadSettings} puts the setting's source in front of it.
 */
import { LOG_LEVELS, type LogLevel } from '../log/logger.js';

/** An environment variable's value, or undefined when it is unset or only white space. */
export function envValue(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A string of at least one character (a host, a path, a token). */
export function readNonEmptyString(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new Error('expected a non-empty string');
  return value;
}

/** A JSON number as it is, a string as `Number()` reads it; anything else is NaN (refused by the callers). */
function readNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** A TCP port from 0 (any free port) to 65535. */
export function readPort(value: unknown): number {
  const port = readNumber(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`expected a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

/** A whole number of at least 1 (a size in bytes, a cap). */
export function readPositiveInteger(value: unknown): number {
  const number = readNumber(value);
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new Error(`expected a whole number of at least 1, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** A duration in seconds above 0, fractions allowed (`0.5`). */
export function readSeconds(value: unknown): number {
  const number = readNumber(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new Error(`expected a number of seconds above 0, got ${JSON.stringify(value)}`);
  }
  return number;
}

/** `true`/`false`, as JSON or as the strings `true`, `false`, `1`, `0` (a flag without a value is `true`). */
export function readBoolean(value: unknown): boolean {
  if (value === true || value === 'true' || value === '1') return true;
  if (value === false || value === 'false' || value === '0') return false;
  throw new Error(`expected true or false, got ${JSON.stringify(value)}`);
}

/** One of {@link LOG_LEVELS}. */
export function readLogLevel(value: unknown): LogLevel {
  const level = LOG_LEVELS.find((known) => known === value);
  if (!level) throw new Error(`expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
  return level;
}

/**
 * An http: or https: URL, returned as written.
 *
 * @param example a URL of the expected kind, quoted in the error (`http://127.0.0.1:9090`).
 */
export function readHttpUrl(value: unknown, example: string): string {
  const text = readNonEmptyString(value);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`expected an http(s) URL such as ${example}, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`expected an http(s) URL such as ${example}, got ${JSON.stringify(text)}`);
  }
  return text;
}
