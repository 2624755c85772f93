/**
 * @groqmeter/otlp: the OTLP/HTTP decoding the groqmeter exporter and ledger share: protobuf
 * definitions, OTLP/JSON readers, body limits and gzip, content-type negotiation, and the
 * `Export*ServiceResponse` / `google.rpc.Status` answers.
 */
export type { Attributes, AttributeValue } from './attributes.js';
export {
  decodeMetricsRequest,
  decodeTracesRequest,
  type OtlpEncoding,
  otlpEncodingOf,
  requireOtlpEncoding,
} from './decode-request.js';
export {
  type EncodedBody,
  encodeExportResponse,
  encodeStatus,
  type OtlpSignal,
  type PartialSuccess,
  RpcCode,
} from './encode-export-response.js';
export type * from './metrics-model.js';
export {
  decodeMetricsRequestOffThread,
  JSON_OFF_THREAD_MIN_BYTES,
  OFF_THREAD_MIN_BYTES,
} from './off-thread-decode.js';
export { type IdEncoding, PayloadError } from './otlp-json-fields.js';
export {
  ExportMetricsServiceRequestType,
  ExportMetricsServiceResponseType,
  ExportTraceServiceRequestType,
  ExportTraceServiceResponseType,
  StatusType,
} from './otlp-proto.js';
export { readMetricsRequest } from './read-metrics-request.js';
export { readTracesRequest } from './read-traces-request.js';
export { type BodyRefusal, bodyRefusalOf } from './refusal.js';
export { BodyError, decodeContentEncoding, readRequestBody } from './request-body.js';
export { attributesAreShared } from './shared-attributes.js';
export type { TraceSpan } from './traces-model.js';
