import type { MetricsRequest } from './metrics-model.js';
import { ExportMetricsServiceRequestType } from './otlp-proto.js';
import { PayloadError, readMetricsRequest } from './read-metrics-request.js';

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
 * Decodes and validates an uncompressed OTLP/HTTP metrics body.
 *
 * @throws {PayloadError} when the body is not a well-formed `ExportMetricsServiceRequest`.
 */
export function decodeMetricsRequest(body: Uint8Array, encoding: OtlpEncoding): MetricsRequest {
  return readMetricsRequest(encoding === 'json' ? parseJson(body) : decodeProtobuf(body));
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
  } catch (error) {
    throw new PayloadError(`body: not valid JSON (${(error as Error).message})`);
  }
}

function decodeProtobuf(body: Uint8Array): unknown {
  try {
    const message = ExportMetricsServiceRequestType.decode(body);
    return ExportMetricsServiceRequestType.toObject(message, {
      longs: String,
      enums: Number,
      bytes: String,
    });
  } catch (error) {
    throw new PayloadError(
      `body: not a valid protobuf ExportMetricsServiceRequest (${(error as Error).message})`,
    );
  }
}
