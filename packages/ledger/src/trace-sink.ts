import {
  bodyRefusalOf,
  decodeContentEncoding,
  decodeTracesRequest,
  encodeExportResponse,
  encodeStatus,
  type OtlpEncoding,
  otlpEncodingOf,
  PayloadError,
  RpcCode,
  requireOtlpEncoding,
} from '@groqmeter/otlp';
import { InvalidSpanError, messageOf } from './errors.js';
import { ledgerSpanOfOtlp } from './otlp-span.js';
import type { Ledger, LedgerEntry } from './types.js';

/** The largest body accepted after gunzip, as the exporter's `--max-body-bytes` default. */
export const DEFAULT_MAX_TRACE_BODY_BYTES = 4 * 1024 * 1024;
/** Seconds a sender is asked to wait when the ledger's queue is full. */
const RETRY_AFTER_SECONDS = 5;

/** Options of {@link createLedgerTraceSink}. */
export interface LedgerTraceSinkOptions {
  /** The largest body accepted once gunzipped (default 4 MiB). */
  maxBodyBytes?: number;
}

/** What to answer an OTLP/HTTP `POST /v1/traces`. */
export interface TraceSinkResponse {
  status: number;
  /** `content-type`, and `retry-after` with a 503. */
  headers: Record<string, string>;
  /** An `ExportTraceServiceResponse`, or a `google.rpc.Status` for errors, in the request's encoding. */
  body: Uint8Array;
  /** Rows queued for the ledger (spans that are not groqmeter operations are skipped, not refused). */
  recorded: number;
  /** Why the request was refused, for logs; never quotes the body. */
  message?: string;
}

/** Receives OTLP/HTTP trace exports for a ledger. */
export interface LedgerTraceSink {
  /**
   * Decode, validate and queue one export. The whole body is decoded and every groqmeter span
   * converted before any row is queued, so a malformed export changes nothing. Never throws.
   *
   * @param contentType `application/x-protobuf` or `application/json`.
   * @param contentEncoding `gzip`, `identity` or none.
   */
  handle(
    body: Uint8Array,
    contentType: string | undefined,
    contentEncoding?: string,
  ): Promise<TraceSinkResponse>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly rpcCode: number,
    message: string,
  ) {
    super(message);
  }
}

function asRefusal(error: unknown): Refusal {
  if (error instanceof Refusal) return error;
  const bodyRefusal = bodyRefusalOf(error);
  if (bodyRefusal) return new Refusal(bodyRefusal.status, bodyRefusal.rpcCode, bodyRefusal.message);
  return new Refusal(
    500,
    RpcCode.INTERNAL,
    `the ledger failed to process the export (${messageOf(error)}); retry, and report it if it persists`,
  );
}

/**
 * An OTLP/HTTP traces receiver for a ledger, to mount on `POST /v1/traces` of any HTTP server (the
 * groqmeter exporter app, or your own): many apps then share one ledger. It accepts what
 * `@opentelemetry/exporter-trace-otlp-proto` and `-http` send (protobuf or JSON, gzip or not) and
 * answers as OTLP/HTTP expects: 200 with an `ExportTraceServiceResponse`; 400 with the first
 * malformed field; 413 and 415 for bodies it cannot take; 503 with `retry-after` when the
 * ledger's write queue cannot take the export (the sender's retry then loses nothing, and rows
 * are idempotent by trace and span id).
 *
 * @example
 * const sink = createLedgerTraceSink(ledger);
 * const { status, headers, body } = await sink.handle(requestBody, req.headers['content-type'], req.headers['content-encoding']);
 */
export function createLedgerTraceSink(ledger: Ledger, options: LedgerTraceSinkOptions = {}): LedgerTraceSink {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_TRACE_BODY_BYTES;

  async function rowsOf(body: Uint8Array, encoding: OtlpEncoding, contentEncoding: string | undefined) {
    const spans = decodeTracesRequest(
      await decodeContentEncoding(body, contentEncoding, maxBodyBytes),
      encoding,
    );
    const entries: LedgerEntry[] = [];
    for (const span of spans) {
      try {
        const entry = ledger.entryOf(ledgerSpanOfOtlp(span));
        if (entry !== undefined) entries.push(entry);
      } catch (error) {
        if (error instanceof InvalidSpanError) throw new PayloadError(`${span.path}: ${error.message}`);
        throw error;
      }
    }
    return entries;
  }

  return {
    async handle(body, contentType, contentEncoding) {
      const encoding = otlpEncodingOf(contentType) ?? 'json';
      try {
        const entries = await rowsOf(body, requireOtlpEncoding(contentType), contentEncoding);
        if (!ledger.offerAll(entries)) {
          const { queued, lastError } = ledger.stats();
          throw new Refusal(
            503,
            RpcCode.UNAVAILABLE,
            `the ledger's write queue cannot take ${entries.length} more rows (${queued} queued${lastError === undefined ? '' : `; last write error: ${lastError}`}); retry later`,
          );
        }
        const success = encodeExportResponse('traces', encoding);
        return {
          status: 200,
          headers: { 'content-type': success.contentType },
          body: success.body,
          recorded: entries.length,
        };
      } catch (error) {
        const refusal = asRefusal(error);
        const status = encodeStatus(encoding, refusal.rpcCode, refusal.message);
        const headers: Record<string, string> = { 'content-type': status.contentType };
        if (refusal.status === 503) headers['retry-after'] = String(RETRY_AFTER_SECONDS);
        return {
          status: refusal.status,
          headers,
          body: status.body,
          recorded: 0,
          message: refusal.message,
        };
      }
    },
  };
}
