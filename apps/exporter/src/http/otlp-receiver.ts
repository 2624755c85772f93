import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LedgerTraceSink } from '@groqmeter/ledger';
import {
  bodyRefusalOf,
  decodeContentEncoding,
  decodeMetricsRequestOffThread,
  decodeTracesRequest,
  encodeExportResponse,
  encodeStatus,
  type MetricsRequest,
  type OtlpEncoding,
  otlpEncodingOf,
  RpcCode,
  readRequestBody,
  requireOtlpEncoding,
  type TraceSpan,
} from '@groqmeter/otlp';
import type { DropReason } from '../contract-names.js';
import type { IngestResult } from '../ingest/ingest-metrics.js';
import type { Logger } from '../log/logger.js';
import type { PushOutcome, SelfMetrics } from '../self-metrics.js';
import { hasBearerToken } from './bearer-token.js';
import { BodyBudget } from './body-budget.js';
import { send, sendJson } from './send-response.js';

/** Where OTLP/HTTP senders post metrics by default. */
export const OTLP_METRICS_PATH = '/v1/metrics';
/** Where OTLP/HTTP senders post traces by default. */
export const OTLP_TRACES_PATH = '/v1/traces';

export interface OtlpReceiverOptions {
  /** Bearer token required on every push, if set. */
  token: string | undefined;
  maxBodyBytes: number;
  /**
   * Request-body bytes all exports in flight may hold together before new ones are answered 503
   * (`Retry-After: 1`); by default twice `maxBodyBytes`.
   */
  maxInFlightBodyBytes?: number;
  ingest(request: MetricsRequest): IngestResult | Promise<IngestResult>;
  /** Takes `POST /v1/traces` into the usage ledger; without one (no `--ledger-db`) that path answers 404. */
  traceSink: LedgerTraceSink | undefined;
  /** Also given the spans of every trace export the ledger accepted (the batch reconciler's attribution). */
  observeSpans?: (spans: TraceSpan[]) => void;
  selfMetrics: SelfMetrics;
  logger: Logger;
  isShuttingDown(): boolean;
}

type Signal = 'metrics' | 'traces';

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

/** How an export refused for its body is counted, by HTTP status. */
const BODY_REFUSAL_REASONS: Partial<Record<number, PushOutcome & DropReason>> = {
  400: 'bad_payload',
  413: 'too_large',
  415: 'unsupported_media_type',
};

/**
 * The OTLP/HTTP receiver: `POST /v1/metrics` and, with a ledger, `POST /v1/traces`, with protobuf
 * or JSON bodies, optionally gzip. The whole body is read, decoded and validated before anything
 * is stored, so a malformed export changes nothing. Responses follow OTLP/HTTP: an
 * `Export*ServiceResponse` (with `partial_success` when metric points were refused) or a
 * `google.rpc.Status`, in the request's encoding.
 */
export function createOtlpReceiver(options: OtlpReceiverOptions) {
  const { traceSink } = options;
  const budget = new BodyBudget(options.maxInFlightBodyBytes ?? 2 * options.maxBodyBytes);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    const signal = signalOf(path, traceSink !== undefined);
    if (signal === undefined || request.method !== 'POST') {
      request.resume();
      if (signal === undefined) {
        sendJson(response, 404, {
          error: 'not_found',
          message: notFoundMessage(`${request.method} ${path}`),
        });
      } else {
        response.setHeader('allow', 'POST');
        sendJson(response, 405, {
          error: 'method_not_allowed',
          message: `send OTLP ${signal} with POST ${path}; got ${request.method} ${path}`,
        });
      }
      return;
    }
    const encoding = otlpEncodingOf(request.headers['content-type']) ?? 'json';
    let reserved = 0;
    try {
      admit(request, options);
      reserved = reserveBody(request, budget, options.maxBodyBytes);
      if (signal === 'traces' && traceSink !== undefined) {
        await receiveTraces(request, response, traceSink, options);
      } else {
        respond(response, encoding, await receiveMetrics(request, options), options);
      }
    } catch (error) {
      const refusal = asRefusal(error);
      if (signal === 'metrics') options.selfMetrics.push(refusal.outcome);
      if (refusal.drop) options.selfMetrics.dropped(refusal.drop);
      const log = refusal.status >= 500 ? options.logger.error : options.logger.warn;
      log(signal === 'metrics' ? 'push refused' : 'trace export refused', {
        status: refusal.status,
        reason: refusal.message,
      });
      request.resume();
      response.setHeader('connection', 'close');
      if (refusal.status === 401) response.setHeader('www-authenticate', 'Bearer');
      // OTLP senders retry a 503 after Retry-After (an overloaded or stopping exporter).
      if (refusal.status === 503) response.setHeader('retry-after', '1');
      const body = encodeStatus(encoding, refusal.rpcCode, refusal.message);
      send(response, refusal.status, body.contentType, body.body);
    } finally {
      budget.release(reserved);
    }
  };
}

/**
 * Takes the body's share of the in-flight budget: its declared length, or the largest body when
 * it declares none (chunked).
 *
 * @throws {PushRefusal} 503 when the exports in flight already hold the budget.
 */
function reserveBody(request: IncomingMessage, budget: BodyBudget, maxBodyBytes: number): number {
  const declared = Number(request.headers['content-length']);
  const bytes = Number.isFinite(declared) && declared >= 0 ? Math.min(declared, maxBodyBytes) : maxBodyBytes;
  if (budget.reserve(bytes)) return bytes;
  throw new PushRefusal(
    503,
    RpcCode.UNAVAILABLE,
    `the exporter is taking ${budget.maxBytes} bytes of exports at once already; retry`,
    'unavailable',
    'overloaded',
  );
}

function signalOf(path: string, tracesEnabled: boolean): Signal | undefined {
  if (path === OTLP_METRICS_PATH) return 'metrics';
  if (path === OTLP_TRACES_PATH && tracesEnabled) return 'traces';
  return undefined;
}

function notFoundMessage(got: string): string {
  if (got.endsWith(` ${OTLP_TRACES_PATH}`)) {
    return `this exporter takes OTLP traces into a usage ledger only when started with --ledger-db (sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DATABASE, or GROQMETER_LEDGER_DB); got ${got}`;
  }
  return `this exporter receives OTLP metrics at POST ${OTLP_METRICS_PATH} and, with --ledger-db, traces at POST ${OTLP_TRACES_PATH} (no logs); got ${got}`;
}

/** Refuses any export while shutting down or without the bearer token. */
function admit(request: IncomingMessage, options: OtlpReceiverOptions): void {
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
}

async function receiveMetrics(request: IncomingMessage, options: OtlpReceiverOptions): Promise<IngestResult> {
  const encoding: OtlpEncoding = requireOtlpEncoding(request.headers['content-type']);
  const raw = await readRequestBody(request, options.maxBodyBytes);
  const body = await decodeContentEncoding(raw, request.headers['content-encoding'], options.maxBodyBytes);
  // Off the event loop for large bodies, so that a push of megabytes never holds scrapes.
  return options.ingest(await decodeMetricsRequestOffThread(body, encoding));
}

/** Hands the raw body to the ledger's sink, which decodes, validates and queues it, and sends its answer. */
async function receiveTraces(
  request: IncomingMessage,
  response: ServerResponse,
  sink: LedgerTraceSink,
  { maxBodyBytes, selfMetrics, logger, observeSpans }: OtlpReceiverOptions,
): Promise<void> {
  const raw = await readRequestBody(request, maxBodyBytes);
  const answer = await sink.handle(raw, request.headers['content-type'], request.headers['content-encoding']);
  if (observeSpans && answer.status === 200) {
    // The sink validated this body already, so decoding it again cannot fail in a new way.
    const body = await decodeContentEncoding(raw, request.headers['content-encoding'], maxBodyBytes);
    observeSpans(decodeTracesRequest(body, requireOtlpEncoding(request.headers['content-type'])));
  }
  const drop = BODY_REFUSAL_REASONS[answer.status];
  if (drop) selfMetrics.dropped(drop);
  if (answer.message !== undefined) {
    const log = answer.status >= 500 ? logger.error : logger.warn;
    log('trace export refused', { status: answer.status, reason: answer.message });
  } else {
    logger.debug('traces received', { recorded: answer.recorded });
  }
  response.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.byteLength });
  response.end(answer.body);
}

function respond(
  response: ServerResponse,
  encoding: OtlpEncoding,
  result: IngestResult,
  { selfMetrics, logger }: OtlpReceiverOptions,
): void {
  countIngestResult(result, selfMetrics, logger);
  const rejected = result.rejected.total();
  const partialSuccess = rejected > 0 ? { rejected, errorMessage: result.rejected.message() } : undefined;
  selfMetrics.push(partialSuccess ? 'partial' : 'success');
  logger.debug('push received', { accepted: result.acceptedPoints, rejected });
  const body = encodeExportResponse('metrics', encoding, partialSuccess);
  send(response, 200, body.contentType, body.body);
}

/** Counts what became of ingested points (`groqmeter_data_points_total`, `groqmeter_dropped_total`). */
export function countIngestResult(result: IngestResult, selfMetrics: SelfMetrics, logger: Logger): void {
  selfMetrics.dataPoints(result.acceptedPoints);
  for (const [reason, count] of result.rejected.entries()) selfMetrics.dropped(reason, count);
  for (const [reason, count] of result.exporterDrops) selfMetrics.dropped(reason, count);
  if (result.unsupportedMetrics > 0) {
    // Their count only: a metric name is payload text, of any length and content.
    logger.warn('dropped metrics of unsupported types (exponential histograms, summaries)', {
      metrics: result.unsupportedMetrics,
    });
  }
}

function asRefusal(error: unknown): PushRefusal {
  if (error instanceof PushRefusal) return error;
  const bodyRefusal = bodyRefusalOf(error);
  const reason = bodyRefusal && BODY_REFUSAL_REASONS[bodyRefusal.status];
  if (bodyRefusal && reason) {
    // The limit is the exporter's own setting: say how to raise it.
    const message =
      bodyRefusal.status === 413 ? `${bodyRefusal.message} or raise --max-body-bytes` : bodyRefusal.message;
    return new PushRefusal(bodyRefusal.status, bodyRefusal.rpcCode, message, reason, reason);
  }
  return new PushRefusal(
    500,
    RpcCode.INTERNAL,
    `the exporter failed to process the push (${(error as Error).message}); retry, and report it if it persists`,
    'failed',
    undefined,
  );
}
