import type { OtlpEncoding } from './decode-metrics-request.js';
import { ExportMetricsServiceResponseType, StatusType } from './otlp-proto.js';

/** What the receiver tells a sender about points it did not keep. */
export interface PartialSuccess {
  rejectedDataPoints: number;
  errorMessage: string;
}

/** An encoded response body with its `Content-Type`. */
export interface EncodedBody {
  contentType: string;
  body: Uint8Array;
}

const CONTENT_TYPES: Record<OtlpEncoding, string> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};

/**
 * An `ExportMetricsServiceResponse` in the request's encoding: empty on full success, with
 * `partial_success` when some points were rejected.
 */
export function encodeExportResponse(
  encoding: OtlpEncoding,
  partialSuccess: PartialSuccess | undefined,
): EncodedBody {
  if (encoding === 'json') {
    // OTLP/JSON carries int64 as a decimal string.
    const json = partialSuccess
      ? {
          partialSuccess: {
            ...partialSuccess,
            rejectedDataPoints: String(partialSuccess.rejectedDataPoints),
          },
        }
      : {};
    return { contentType: CONTENT_TYPES.json, body: Buffer.from(JSON.stringify(json)) };
  }
  const message = ExportMetricsServiceResponseType.fromObject(partialSuccess ? { partialSuccess } : {});
  return {
    contentType: CONTENT_TYPES.protobuf,
    body: ExportMetricsServiceResponseType.encode(message).finish(),
  };
}

/** `google.rpc.Code` values used in error bodies. */
export const RpcCode = {
  INVALID_ARGUMENT: 3,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** A `google.rpc.Status` error body in the request's encoding, as OTLP/HTTP asks for 4xx and 5xx. */
export function encodeStatus(encoding: OtlpEncoding, code: number, message: string): EncodedBody {
  if (encoding === 'json') {
    return { contentType: CONTENT_TYPES.json, body: Buffer.from(JSON.stringify({ code, message })) };
  }
  return {
    contentType: CONTENT_TYPES.protobuf,
    body: StatusType.encode(StatusType.fromObject({ code, message })).finish(),
  };
}
