/**
 * The proxy's logger: the service kit's JSON lines, redacted (Groq keys, bearer tokens, URL
 * credentials). The proxy means to log no key, header or content, but some strings come from
 * outside it: the upstream URL as configured, the messages of network errors.
 */
export { createLogger, type LogFields, type Logger } from '@groqmeter/service-kit';
