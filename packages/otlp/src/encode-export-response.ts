import type protobuf from 'protobufjs';
import type { OtlpEncoding } from './decode-request.js';
import {
  ExportMetricsServiceResponseType,
  ExportTraceServiceResponseType,
  StatusType,
} from './otlp-proto.js';

/** The OTLP signals whose export responses are encoded here. */
export type OtlpSignal = 'metrics' | 'traces';

/** What the receiver tells a sender about data points (metrics) or spans (traces) it did not keep. */
export interface PartialSuccess {
  rejected: number;
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

const RESPONSES: Record<OtlpSignal, { type: protobuf.Type; rejectedField: string }> = {
  metrics: { type: ExportMetricsServiceResponseType, rejectedField: 'rejectedDataPoints' },
  traces: { type: ExportTraceServiceResponseType, rejectedField: 'rejectedSpans' },
};

/**
 * An `ExportMetricsServiceResponse` or `ExportTraceServiceResponse` in the request's encoding:
 * empty on full success, with `partial_success` when some data points or spans were rejected.
 */
export function encodeExportResponse(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  partialSuccess?: PartialSuccess,
): EncodedBody {
  const { type, rejectedField } = RESPONSES[signal];
  if (encoding === 'json') {
    // OTLP/JSON carries int64 as a decimal string.
    const json = partialSuccess
      ? {
          partialSuccess: {
            [rejectedField]: String(partialSuccess.rejected),
            errorMessage: partialSuccess.errorMessage,
          },
        }
      : {};
    return { contentType: CONTENT_TYPES.json, body: Buffer.from(JSON.stringify(json)) };
  }
  const message = type.fromObject(
    partialSuccess
      ? {
          partialSuccess: {
            [rejectedField]: partialSuccess.rejected,
            errorMessage: partialSuccess.errorMessage,
          },
        }
      : {},
  );
  return { contentType: CONTENT_TYPES.protobuf, body: type.encode(message).finish() };
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
