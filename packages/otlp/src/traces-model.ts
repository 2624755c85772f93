import type { Attributes } from './attributes.js';

/**
 * One span of a validated OTLP `ExportTraceServiceRequest`, with the attributes of its resource:
 * the part of a span the ledger reads, whichever wire encoding it came in.
 */
export interface TraceSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  /** Nanoseconds since the epoch, `0n` when not set. */
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  resourceAttributes: Attributes;
  /** Where the span is in the request, e.g. `resourceSpans[0].scopeSpans[0].spans[2]`, for error messages. */
  path: string;
}
