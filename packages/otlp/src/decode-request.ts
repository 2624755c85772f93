import type protobuf from 'protobufjs';
import type { MetricsRequest } from './metrics-model.js';
import { PayloadError } from './otlp-json-fields.js';
import { ExportMetricsServiceRequestType, ExportTraceServiceRequestType } from './otlp-proto.js';
import { readMetricsJson } from './read-metrics-json.js';
import { readMetricsJsonBytes } from './read-metrics-json-bytes.js';
import { readMetricsProtobuf } from './read-metrics-protobuf.js';
import { readMetricsRequest } from './read-metrics-request.js';
import { readTracesRequest } from './read-traces-request.js';
import { BodyError } from './request-body.js';
import type { TraceSpan } from './traces-model.js';

/** The two OTLP/HTTP body encodings. */
export type OtlpEncoding = 'protobuf' | 'json';

/**
 * The OTLP encoding a `Content-Type` header names (`application/x-protobuf` or
 * `application/json`, parameters ignored), or `undefined` for anything else.
 */
export function otlpEncodingOf(contentType: string | undefined): OtlpEncoding | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  return undefined;
}

/**
 * The OTLP encoding a `Content-Type` header names.
 *
 * @throws {BodyError} 415 for any other content type.
 */
export function requireOtlpEncoding(contentType: string | undefined): OtlpEncoding {
  const encoding = otlpEncodingOf(contentType);
  if (encoding !== undefined) return encoding;
  throw new BodyError(
    415,
    `Content-Type must be application/x-protobuf or application/json (OTLP/HTTP), got ${(contentType ?? 'none').slice(0, 100)}`,
  );
}

/**
 * Decodes and validates an uncompressed OTLP/HTTP metrics body.
 *
 * @throws {PayloadError} when the body is not a well-formed `ExportMetricsServiceRequest`.
 */
export function decodeMetricsRequest(body: Uint8Array, encoding: OtlpEncoding): MetricsRequest {
  // The single-pass readers take a well-formed, valid request; anything else is read the
  // reference way, which words the error (see the README's "Decoding metrics").
  if (encoding === 'json') {
    const request = readMetricsJsonBytes(body);
    if (request !== undefined) return request;
    const parsed = parseJson(body);
    return readMetricsJson(parsed) ?? readMetricsRequest(parsed);
  }
  return (
    readMetricsProtobuf(body) ?? readMetricsRequest(decodeProtobuf(body, ExportMetricsServiceRequestType))
  );
}

/**
 * Decodes and validates an uncompressed OTLP/HTTP traces body into its spans.
 *
 * @throws {PayloadError} when the body is not a well-formed `ExportTraceServiceRequest`.
 */
export function decodeTracesRequest(body: Uint8Array, encoding: OtlpEncoding): TraceSpan[] {
  return encoding === 'json'
    ? readTracesRequest(parseJson(body), 'hex')
    : readTracesRequest(decodeProtobuf(body, ExportTraceServiceRequestType), 'base64');
}

function parseJson(body: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new PayloadError('body: an application/json body must be UTF-8 text');
  }
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may carry anything: it is not passed on.
    throw new PayloadError('body: not valid JSON');
  }
}

function decodeProtobuf(body: Uint8Array, type: protobuf.Type): unknown {
  try {
    return type.toObject(type.decode(body), { longs: String, enums: Number, bytes: String });
  } catch (error) {
    throw new PayloadError(`body: not a valid protobuf ${type.name} (${(error as Error).message})`);
  }
}
