import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.js';
import type { PagesHandler } from '../pages/pages-handler.js';
import { negotiateFormat } from '../prometheus/negotiate-format.js';
import type { Exposition, ExpositionFormat } from '../prometheus/render-exposition.js';
import { hasBearerToken } from './bearer-token.js';
import { ExpositionHealth } from './exposition-health.js';
import { send, sendJson } from './send-response.js';

export interface MetricsEndpointOptions {
  /** Bearer token required on `GET /metrics`, if set (health endpoints stay open). */
  scrapeToken: string | undefined;
  render(format: ExpositionFormat): Promise<Exposition>;
  isReady(): boolean;
  logger: Logger;
  /** The exporter's own pages (`GET /`, `/detail`, `/assets/…`, `/api/…`), served before the 404. */
  pages?: PagesHandler;
}

const ROUTES = ['/metrics', '/healthz', '/readyz'];

/**
 * The Prometheus listener: `GET /metrics` in the Prometheus text format or OpenMetrics (by
 * `Accept`), `GET /healthz` (the process is up and its exposition renders) and `GET /readyz`
 * (that, listening and not shutting down).
 */
export function createMetricsEndpoint(options: MetricsEndpointOptions) {
  // The health endpoints' own check renders the whole body, keeping none of it.
  const health = new ExpositionHealth(async (format) => {
    const exposition = await options.render(format);
    for (const _chunk of exposition.chunks()) {
      // Rendered and dropped.
    }
    return exposition;
  });
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    request.resume();
    const path = new URL(request.url ?? '/', 'http://metrics').pathname;
    if (!ROUTES.includes(path) && (await options.pages?.(request, response, path))) return;
    if (!ROUTES.includes(path)) {
      sendJson(response, 404, {
        error: 'not_found',
        message: `${path} is not served here; try GET /, /metrics, /healthz or /readyz`,
      });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      sendJson(response, 405, { error: 'method_not_allowed', message: `use GET ${path}` });
      return;
    }
    if (path === '/healthz' || path === '/readyz') {
      const status = !(await health.healthy())
        ? 'exposition_broken'
        : path === '/healthz'
          ? 'ok'
          : options.isReady()
            ? 'ready'
            : 'shutting_down';
      sendJson(response, status === 'ok' || status === 'ready' ? 200 : 503, { status });
      return;
    }
    if (!hasBearerToken(request.headers.authorization, options.scrapeToken)) {
      response.setHeader('www-authenticate', 'Bearer');
      sendJson(response, 401, {
        error: 'unauthorized',
        message:
          'missing or wrong bearer token: configure the scrape job with authorization: { credentials: <token> } as set by --scrape-token',
      });
      return;
    }
    try {
      const exposition = await options.render(negotiateFormat(request.headers.accept));
      if (request.method === 'HEAD') send(response, 200, exposition.contentType, '');
      else await sendExposition(response, exposition);
      health.note(true);
    } catch (error) {
      health.note(false);
      options.logger.error('rendering /metrics failed', { error: (error as Error).message });
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJson(response, 500, {
        error: 'render_failed',
        message: 'rendering the metrics failed; see the exporter log',
      });
    }
  };
}

/** Bodies up to this many characters go whole, with a `Content-Length`; larger ones are streamed. */
const WHOLE_BODY_CHARACTERS = 1024 * 1024;

/**
 * Sends an exposition: a small one in one piece with its `Content-Length`, a large one chunk by
 * chunk (chunked transfer encoding), each chunk rendered once the socket has taken the one before,
 * so that a scrape of a large store holds one chunk in memory rather than the whole body.
 */
async function sendExposition(response: ServerResponse, exposition: Exposition): Promise<void> {
  const chunks = exposition.chunks();
  let head = '';
  let next = chunks.next();
  while (!next.done && head.length < WHOLE_BODY_CHARACTERS) {
    head += next.value;
    next = chunks.next();
  }
  if (next.done) {
    send(response, 200, exposition.contentType, head);
    return;
  }
  response.writeHead(200, { 'content-type': exposition.contentType });
  let writable = response.write(head);
  for (; !next.done; next = chunks.next()) {
    if (!writable) await drainedOrClosed(response);
    if (response.destroyed) return;
    writable = response.write(next.value);
  }
  response.end();
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
