/**
 * The proxy's logger: the service kit's JSON lines, strings as given (no redactor). The proxy puts
 * no key, header or content in a log field (method, API path without query, status, operation,
 * model, duration, its own settings), and its lines stay exactly as they were.
 */
export { createLogger, type LogFields, type Logger } from '@groqmeter/service-kit';
