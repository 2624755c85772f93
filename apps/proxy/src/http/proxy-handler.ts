import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Attribution, CallDescription, OperationHandle, Recorder } from '@groqmeter/recorder';
import { defaultTextMapGetter, ROOT_CONTEXT } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { AdmissionDecision, AdmissionHook } from '../admission.js';
import type { Logger } from '../log/logger.js';
import { AnswerObserver } from '../telemetry/answer-observer.js';
import { readAttributionHeaders } from '../telemetry/attribution-headers.js';
import { apiKeyLabel, KEY_LABEL_ATTRIBUTE } from '../telemetry/key-label.js';
import { describeForwardedCall } from '../telemetry/metered-endpoints.js';
import type { PendingRecordings } from '../telemetry/pending-recordings.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
} from '../telemetry/proxy-errors.js';
import type { ProxyRequestOutcome, ProxySelfMetrics, UpstreamErrorKind } from '../telemetry/self-metrics.js';
import { clientResponseHeaders, upstreamRequestHeaders } from './header-rules.js';
import { sendJson, sendProxyError } from './local-answers.js';
import { proxyTokenMatches } from './proxy-token.js';
import { readRequestBody } from './request-body.js';
import type { Upstream } from './upstream.js';

/** The path clients use as their base URL: `http://HOST:PORT/openai/v1`. */
export const API_BASE_PATH = '/openai/v1';

const propagator = new W3CTraceContextPropagator();

/** The fields of a request's log line beyond its method, path and outcome. */
type LogFieldValues = Record<string, string | number | undefined>;

/** What the request handler works with. */
export interface ProxyHandlerOptions {
  upstream: Upstream;
  recorder: Recorder;
  selfMetrics: ProxySelfMetrics;
  logger: Logger;
  /** Whether the logger writes `info` lines (each request's line): its fields are built only then. */
  logsRequests: boolean;
  admit: AdmissionHook;
  proxyToken: string | undefined;
  maxBodyBytes: number;
  /** The secret of `--key-label` fingerprints; undefined when key labels are off. */
  keyLabelSecret: string | undefined;
  captureContent: boolean;
  upstreamTimeoutMs: number;
  /** Whether the proxy is draining (`/readyz` answers 503). */
  isDraining(): boolean;
  /** Telemetry still being recorded after its answer went out, which shutdown waits for. */
  recording: PendingRecordings;
}

/** The request handler of the proxy's HTTP server. */
export function createProxyHandler(
  options: ProxyHandlerOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void handle(options, request, response).catch((error: unknown) => {
      options.logger.error('request handling failed', { error: (error as Error).name });
      if (!response.headersSent) sendProxyError(response, 500, 'proxy_error', 'The groqmeter proxy failed.');
      else response.destroy();
    });
  };
}

async function handle(options: ProxyHandlerOptions, request: IncomingMessage, response: ServerResponse) {
  const receivedAt = performance.timeOrigin + performance.now();
  const rawUrl = request.url ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  if (path === '/healthz') return sendJson(response, 200, { status: 'ok' });
  if (path === '/readyz') {
    return options.isDraining()
      ? sendJson(response, 503, { status: 'shutting down' })
      : sendJson(response, 200, { status: 'ready' });
  }
  if (path !== API_BASE_PATH && !path.startsWith(`${API_BASE_PATH}/`)) {
    return sendProxyError(
      response,
      404,
      'unknown_url',
      `Unknown path ${path.slice(0, 100)}: point your client's base URL at http://HOST:PORT${API_BASE_PATH}.`,
    );
  }
  const apiPath = path.slice(API_BASE_PATH.length);
  const method = request.method ?? 'GET';
  const log = (outcome: ProxyRequestOutcome, fields?: LogFieldValues) => {
    if (options.logsRequests) options.logger.info('request', { method, path: apiPath, outcome, ...fields });
  };

  if (
    options.proxyToken !== undefined &&
    !proxyTokenMatches(request.headers['proxy-authorization'], options.proxyToken)
  ) {
    options.selfMetrics.refused('unauthorized');
    log('unauthorized', { status: 407 });
    return sendProxyError(
      response,
      407,
      'proxy_token_required',
      'This groqmeter proxy needs its token: send "Proxy-Authorization: Bearer <proxy token>".',
      { 'proxy-authenticate': 'Bearer' },
    );
  }

  const body = await readRequestBody(request, response, options.maxBodyBytes);
  if (body.tooLarge) {
    options.selfMetrics.refused('too_large');
    log('too_large', { status: 413 });
    return sendProxyError(
      response,
      413,
      'request_too_large',
      `The request body is larger than this proxy's limit of ${options.maxBodyBytes} bytes (--max-body-bytes); nothing was sent to Groq.`,
      { connection: 'close' },
    );
  }

  const { attribution, ignored } = readAttributionHeaders(request.rawHeaders);
  options.selfMetrics.ignoredAttribution(ignored);
  if (options.keyLabelSecret !== undefined) {
    const label = apiKeyLabel(request.headers.authorization, options.keyLabelSecret);
    if (label !== undefined) attribution[KEY_LABEL_ATTRIBUTE] = label;
  }
  const described = describeForwardedCall(
    method,
    apiPath,
    request.headers['content-type'],
    body.bytes,
    options.captureContent,
  );
  const admitted = (description: CallDescription | undefined) => {
    const decision = admit(options, method, apiPath, description, attribution);
    const proceed = (settled: AdmissionDecision) => {
      if (settled.action === 'respond') {
        options.selfMetrics.refused('answered_locally');
        return answerLocally(response, settled, log);
      }
      forward(options, request, response, {
        method,
        apiPath: rawUrl.slice(API_BASE_PATH.length),
        body: body.bytes,
        description,
        startOperation: () =>
          description === undefined
            ? undefined
            : options.recorder.start({
                ...description.start,
                source: 'proxy',
                serverAddress: options.upstream.serverAddress,
                serverPort: options.upstream.serverPort,
                attributes: attribution,
                parentContext: propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter),
                startTime: receivedAt,
              }),
        log,
      });
    };
    return decision instanceof Promise ? decision.then(proceed) : proceed(decision);
  };
  // After the body is read, a JSON request admitted by a synchronous hook is forwarded in this
  // same turn: no promise hop per step (an upload's fields and an async hook still wait).
  return described instanceof Promise ? described.then(admitted) : admitted(described);
}

function answerLocally(
  response: ServerResponse,
  decision: Extract<AdmissionDecision, { action: 'respond' }>,
  log: (outcome: ProxyRequestOutcome, fields?: LogFieldValues) => void,
): void {
  log('answered_locally', { status: decision.status });
  const bytes = typeof decision.body === 'string' ? Buffer.from(decision.body) : decision.body;
  response.writeHead(decision.status, {
    'content-type': 'application/json',
    'content-length': bytes.byteLength,
    ...decision.headers,
  });
  response.end(bytes);
}

/**
 * The admission hook's decision: at once when the hook answers at once. A hook that throws or
 * rejects refuses the request (500), logged.
 */
function admit(
  options: ProxyHandlerOptions,
  method: string,
  path: string,
  description: CallDescription | undefined,
  attribution: Attribution,
): AdmissionDecision | Promise<AdmissionDecision> {
  const refuse = (error: unknown): AdmissionDecision => {
    options.logger.error('admission hook failed; the request is refused', { error: (error as Error).name });
    return {
      action: 'respond',
      status: 500,
      body: JSON.stringify({
        error: {
          message: 'The groqmeter proxy could not admit the request.',
          type: 'api_error',
          code: 'admission_failed',
        },
      }),
    };
  };
  try {
    const decision = options.admit({
      method,
      path,
      operation: description?.start.operation,
      requestModel: description?.start.requestModel,
      stream: description?.start.stream,
      request: description?.start.request,
      attribution: { ...attribution },
    });
    return isThenable(decision) ? Promise.resolve(decision).catch(refuse) : decision;
  } catch (error) {
    return refuse(error);
  }
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}

interface ForwardedCall {
  method: string;
  /** Below the base path, with the query string. */
  apiPath: string;
  body: Buffer;
  description: CallDescription | undefined;
  /** Starts the recorded operation (at the time the request arrived); called once the request is on its way. */
  startOperation(): OperationHandle | undefined;
  log(outcome: ProxyRequestOutcome, fields?: LogFieldValues): void;
}

/**
 * Send the request upstream and relay the answer: status and headers as soon as they arrive, then
 * each body chunk as it arrives (never held back), with the telemetry reading a side copy.
 * Backpressure is the client's: a slow reader pauses the upstream read. Telemetry work is kept
 * off the path of the bytes where it can be: the operation starts once the request is sent, and
 * a non-streamed answer is read for its facts after it has been handed to the client.
 */
function forward(
  options: ProxyHandlerOptions,
  request: IncomingMessage,
  response: ServerResponse,
  call: ForwardedCall,
): void {
  const { selfMetrics, recorder } = options;
  selfMetrics.started();
  const startedAt = performance.now();
  let observer: AnswerObserver | undefined;
  let operation: OperationHandle | undefined;
  let done = false;
  const finish = (outcome: ProxyRequestOutcome, status?: number) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    selfMetrics.finished(outcome);
    // The line's fields are built only when request lines are written (info and debug).
    if (options.logsRequests) {
      call.log(outcome, {
        status,
        operation: call.description?.start.operation,
        model: call.description?.start.requestModel,
        duration_ms: Math.round(performance.now() - startedAt),
      });
    }
  };
  const ownError = (error: unknown) => {
    recorder.dropped('recorder_error');
    options.logger.debug('telemetry of a forwarded call failed; the call is unaffected', {
      error: (error as Error)?.name,
    });
  };
  const upstreamFailed = (kind: UpstreamErrorKind, error: Error) => {
    if (done) return;
    selfMetrics.upstreamError(kind);
    if (observer !== undefined) observer.upstreamFailed(error);
    else operation?.fail({ error });
    // The client sees what a direct connection would show: the connection ends without (the rest of) an answer.
    response.destroy();
    finish('upstream_error');
  };

  const upstreamRequest = options.upstream.send(
    call.method,
    call.apiPath,
    upstreamRequestHeaders(
      request.rawHeaders,
      options.upstream.host,
      hadBody(request, call.body) ? call.body.length : undefined,
    ),
    call.body.length > 0 ? call.body : undefined,
    (answer) => {
      response.writeHead(
        answer.statusCode ?? 502,
        answer.statusMessage,
        clientResponseHeaders(answer.rawHeaders),
      );
      const contentType = answer.headers['content-type'];
      // A stream's head goes out at once, as Groq sent it (SDKs resolve a streamed call on it);
      // any other answer's head leaves with its first bytes, in one write.
      if (contentType?.startsWith('text/event-stream')) response.flushHeaders();
      if (operation !== undefined && call.description !== undefined) {
        options.recording.started();
        observer = new AnswerObserver(
          operation,
          call.description,
          {
            status: answer.statusCode ?? 0,
            headers: answer.headers,
            contentType,
            contentEncoding: answer.headers['content-encoding'],
          },
          ownError,
          options.captureContent,
          options.recording.finished,
        );
      }
      answer.on('data', (chunk: Buffer) => {
        if (!response.write(chunk)) {
          answer.pause();
          response.once('drain', () => answer.resume());
        }
        observer?.chunk(chunk);
      });
      answer.once('end', () => {
        if (done) return;
        response.end();
        finish('forwarded', answer.statusCode);
        const completed = observer;
        if (completed !== undefined) setImmediate(() => completed.complete());
      });
      answer.once('aborted', () =>
        upstreamFailed('dropped', new APIConnectionError('the upstream connection dropped mid-answer')),
      );
      answer.once('error', () =>
        upstreamFailed('dropped', new APIConnectionError('the upstream connection dropped mid-answer')),
      );
    },
  );
  operation = call.startOperation();
  upstreamRequest.once('error', () => {
    upstreamFailed(
      observer === undefined ? 'connect' : 'dropped',
      new APIConnectionError('the upstream connection failed'),
    );
  });
  const timer = setTimeout(() => {
    upstreamFailed('timeout', new APIConnectionTimeoutError('the upstream exchange timed out'));
    upstreamRequest.destroy();
  }, options.upstreamTimeoutMs);
  timer.unref();
  response.once('close', () => {
    if (done) return;
    // The client went away first: stop the upstream request, as a direct client's abort would.
    upstreamRequest.destroy();
    if (observer !== undefined) observer.clientGone();
    else
      operation?.fail({
        error: new APIUserAbortError('the client closed the connection before the answer'),
      });
    finish('client_disconnected');
  });
}

/** Whether the client sent a body (even an empty one), so that the upstream gets a `Content-Length`. */
function hadBody(request: IncomingMessage, body: Buffer): boolean {
  return (
    body.length > 0 ||
    request.headers['content-length'] !== undefined ||
    request.headers['transfer-encoding'] !== undefined
  );
}
