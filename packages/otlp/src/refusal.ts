import { RpcCode } from './encode-export-response.js';
import { PayloadError } from './otlp-json-fields.js';
import { BodyError } from './request-body.js';

/** How OTLP/HTTP answers a request whose body was refused. */
export interface BodyRefusal {
  /** 400 malformed, 413 too large, 415 unsupported content type or encoding. */
  status: 400 | 413 | 415;
  /** The `google.rpc.Code` for the `Status` body. */
  rpcCode: number;
  message: string;
}

/**
 * The answer to a {@link BodyError} or {@link PayloadError} thrown while reading, inflating or
 * decoding a body; `undefined` for any other error (a failure of the receiver, not of the body).
 */
export function bodyRefusalOf(error: unknown): BodyRefusal | undefined {
  if (error instanceof PayloadError) {
    return { status: 400, rpcCode: RpcCode.INVALID_ARGUMENT, message: error.message };
  }
  if (error instanceof BodyError) {
    return {
      status: error.status,
      rpcCode: error.status === 413 ? RpcCode.RESOURCE_EXHAUSTED : RpcCode.INVALID_ARGUMENT,
      message: error.message,
    };
  }
  return undefined;
}
