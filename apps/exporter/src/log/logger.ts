import {
  createLogger as createJsonLogger,
  type Logger,
  type LogLevel,
  Redactor,
} from '@groqmeter/service-kit';

export type { LogFields, Logger } from '@groqmeter/service-kit';

/**
 * The exporter's logger: the service kit's JSON lines, always redacted. Every string (the message
 * and each field) loses the given `secrets` (API key, tokens), any Groq key, bearer token or URL
 * credentials, and is cut to about a kilobyte: the exporter logs errors of Groq calls, database
 * URLs and names from pushed payloads.
 */
export function createLogger(
  level: LogLevel,
  write?: (line: string) => void,
  secrets: readonly (string | undefined)[] = [],
): Logger {
  return createJsonLogger(level, write, new Redactor(secrets));
}
