/**
 * The exporter's logger: the service kit's JSON lines, redacted. It logs errors of Groq calls,
 * database URLs and names from pushed payloads; `createLogger`'s `secrets` are its API key and tokens.
 */
export { createLogger, type LogFields, type Logger } from '@groqmeter/service-kit';
