/**
 * The proxy's logger: the service kit's JSON lines without a redactor. The proxy logs no key,
 * header or content (method, API path without its query, status, operation, model, duration, the
 * settings it listens with), so its strings are written as given.
 */
export { createLogger, type LogFields, type Logger } from '@groqmeter/service-kit';
