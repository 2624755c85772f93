import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DropReason } from '../contract-names.js';
import type { IngestResult } from '../ingest/ingest-metrics.js';
import type { Logger } from '../log/logger.js';
import { decodeMetricsRequest, type OtlpEncoding, otlpEncodingOf } from '../otlp/decode-metrics-request.js';
import { encodeExportResponse, encodeStatus, RpcCode } from '../otlp/encode-export-response.js';
import type { MetricsRequest } from '../otlp/metrics-model.js';
import { PayloadError } from '../otlp/read-metrics-request.js';
import type { PushOutcome, SelfMetrics } from '../self-metrics.js';
import { hasBearerToken } from './bearer-token.js';
import { BodyError, decodeContentEncoding, readRequestBody } from './read-request-body.js';
import { send, sendJson } from './send-response.js';

/** Where OTLP/HTTP senders post metrics by default. */
export const OTLP_METRICS_PATH = '/v1/metrics';

export interface OtlpReceiverOptions {
  /** Bearer token required on every push, if set. */
  token: string | undefined;
  maxBodyBytes: number;
  ingest(request: MetricsRequest): IngestResult;
  selfMetrics: SelfMetrics;
  logger: Logger;
  isShuttingDown(): boolean;
}

/** A push refused as a whole: what the sender is told and how it is counted. */
class PushRefusal extends Error {
  constructor(
    readonly status: number,
    readonly rpcCode: number,
    message: string,
    readonly outcome: PushOutcome,
    readonly drop: DropReason | undefined,
  ) {
    super(message);
  }
}

/**
 * The OTLP/HTTP metrics receiver: `POST /v1/metrics` with protobuf or JSON bodies, optionally
 * gzip. The whole body is read, decoded and validated before anything is stored, so a malformed
 * push changes nothing. Responses follow OTLP/HTTP: an `ExportMetricsServiceResponse` (with
 * `partial_success` when points were refused) or a `google.rpc.Status`, in the request's
 * encoding.
 */
export function createOtlpReceiver(options: OtlpReceiverOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    if (path !== OTLP_METRICS_PATH || request.method !== 'POST') {
      request.resume();
      if (path === OTLP_METRICS_PATH) response.setHeader('allow', 'POST');
      sendJson(response, path === OTLP_METRICS_PATH ? 405 : 404, {
        error: path === OTLP_METRICS_PATH ? 'method_not_allowed' : 'not_found',
        message: `this exporter receives OTLP metrics at POST ${OTLP_METRICS_PATH} only (no traces or logs); got ${request.method} ${path}`,
      });
      return;
    }
    const encoding = otlpEncodingOf(request.headers['content-type']);
    try {
      const result = await receive(request, encoding, options);
      respond(response, encoding ?? 'json', result, options);
    } catch (error) {
      const refusal = asRefusal(error);
      options.selfMetrics.push(refusal.outcome);
      if (refusal.drop) options.selfMetrics.dropped(refusal.drop);
      const log = refusal.status >= 500 ? options.logger.error : options.logger.warn;
      log('push refused', { status: refusal.status, reason: refusal.message });
      request.resume();
      response.setHeader('connection', 'close');
      if (refusal.status === 401) response.setHeader('www-authenticate', 'Bearer');
      const body = encodeStatus(encoding ?? 'json', refusal.rpcCode, refusal.message);
      send(response, refusal.status, body.contentType, body.body);
    }
  };
}

async function receive(
  request: IncomingMessage,
  encoding: OtlpEncoding | undefined,
  options: OtlpReceiverOptions,
): Promise<IngestResult> {
  if (options.isShuttingDown()) {
    throw new PushRefusal(
      503,
      RpcCode.UNAVAILABLE,
      'the exporter is shutting down; retry',
      'unavailable',
      undefined,
    );
  }
  if (!hasBearerToken(request.headers.authorization, options.token)) {
    throw new PushRefusal(
      401,
      RpcCode.UNAUTHENTICATED,
      'missing or wrong bearer token: send the header "Authorization: Bearer <token>" with the token the exporter was started with (--token)',
      'unauthorized',
      'unauthorized',
    );
  }
  if (!encoding) {
    const given = (request.headers['content-type'] ?? 'none').slice(0, 100);
    throw new PushRefusal(
      415,
      RpcCode.INVALID_ARGUMENT,
      `Content-Type must be application/x-protobuf or application/json (OTLP/HTTP), got ${given}`,
      'unsupported_media_type',
      'unsupported_media_type',
    );
  }
  const raw = await readRequestBody(request, options.maxBodyBytes);
  const body = await decodeContentEncoding(raw, request.headers['content-encoding'], options.maxBodyBytes);
  return options.ingest(decodeMetricsRequest(body, encoding));
}

function respond(
  response: ServerResponse,
  encoding: OtlpEncoding,
  result: IngestResult,
  { selfMetrics, logger }: OtlpReceiverOptions,
): void {
  selfMetrics.dataPoints(result.acceptedPoints);
  for (const [reason, count] of result.rejected.entries()) selfMetrics.dropped(reason, count);
  for (const [reason, count] of result.exporterDrops) selfMetrics.dropped(reason, count);
  if (result.unsupportedMetrics.length > 0) {
    logger.warn('dropped metrics of unsupported types (exponential histograms, summaries)', {
      metrics: result.unsupportedMetrics.join(','),
    });
  }
  const rejected = result.rejected.total();
  const partialSuccess =
    rejected > 0 ? { rejectedDataPoints: rejected, errorMessage: result.rejected.message() } : undefined;
  selfMetrics.push(partialSuccess ? 'partial' : 'success');
  logger.debug('push received', { accepted: result.acceptedPoints, rejected });
  const body = encodeExportResponse(encoding, partialSuccess);
  send(response, 200, body.contentType, body.body);
}

function asRefusal(error: unknown): PushRefusal {
  if (error instanceof PushRefusal) return error;
  if (error instanceof PayloadError) {
    return new PushRefusal(400, RpcCode.INVALID_ARGUMENT, error.message, 'bad_payload', 'bad_payload');
  }
  if (error instanceof BodyError) {
    if (error.status === 413) {
      return new PushRefusal(413, RpcCode.RESOURCE_EXHAUSTED, error.message, 'too_large', 'too_large');
    }
    if (error.status === 415) {
      return new PushRefusal(
        415,
        RpcCode.INVALID_ARGUMENT,
        error.message,
        'unsupported_media_type',
        'unsupported_media_type',
      );
    }
    return new PushRefusal(400, RpcCode.INVALID_ARGUMENT, error.message, 'bad_payload', 'bad_payload');
  }
  return new PushRefusal(
    500,
    RpcCode.INTERNAL,
    `the exporter failed to process the push (${(error as Error).message}); retry, and report it if it persists`,
    'failed',
    undefined,
  );
}
