import {
  createLogger as createJsonLogger,
  type Logger,
  type LogLevel,
  Redactor,
} from '@groqmeter/service-kit';

export type { LogFields, Logger } from '@groqmeter/service-kit';

/**
 * The proxy's logger: the service kit's JSON lines, always redacted. The proxy means to log no key,
 * header or content, but some strings come from outside it (the upstream URL as configured, which
 * may carry credentials; the messages of network errors): each one loses any Groq key, bearer token
 * or URL credentials, and is cut to about a kilobyte.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  return createJsonLogger(level, write, new Redactor([]));
}
