import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger.js';
import { loadPageAssets, type PageAsset } from './page-assets.js';
import { PageAuth } from './page-auth.js';
import { CHART_RANGES, type ChartRange } from './page-charts.js';
import type { PageData } from './page-data.js';

/** Routes of the pages on the metrics port; every other path is left to `/metrics` and health. */
const PAGES: Record<string, string> = { '/': 'overview.html', '/detail': 'detail.html' };

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface PagesOptions {
  data: PageData;
  /** The scrape token: when set, it guards the pages as it guards `/metrics`. */
  scrapeToken: string | undefined;
  logger: Logger;
}

/** Handles one request on the metrics port; resolves `false` for a path that is not a page's. */
export type PagesHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
) => Promise<boolean>;

/**
 * The exporter's own pages: `GET /` (the overview card), `GET /detail`, their static files under
 * `/assets/`, and the JSON they poll (`/api/summary`, `/api/charts?range=1h|24h`, `/api/ledger`).
 *
 * @throws when the pages' files cannot be read (see {@link loadPageAssets}).
 */
export function createPagesHandler(options: PagesOptions): PagesHandler {
  const assets = loadPageAssets();
  const auth = new PageAuth(options.scrapeToken);
  return async (request, response, path) => {
    const page = PAGES[path];
    const asset = path.startsWith('/assets/') ? assets.get(path.slice('/assets/'.length)) : undefined;
    const api = path.startsWith('/api/') ? path.slice('/api/'.length) : undefined;
    if (page === undefined && asset === undefined && api === undefined) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      reply(response, 405, json({ error: 'method_not_allowed', message: `use GET ${path}` }), {
        allow: 'GET, HEAD',
      });
      return true;
    }
    const url = new URL(request.url ?? '/', 'http://pages');
    if (page !== undefined && auth.acceptsQueryToken(url.searchParams.get('token'))) {
      // The token leaves the address bar (and the history) at once.
      reply(response, 303, text(''), { location: path, 'set-cookie': auth.setCookie() });
      return true;
    }
    if (!auth.allows(request)) {
      reply(response, 401, api === undefined ? unauthorizedPage() : json(unauthorizedJson()), {
        'www-authenticate': 'Bearer',
      });
      return true;
    }
    const head = request.method === 'HEAD';
    if (page !== undefined) {
      reply(response, 200, assets.get(page) as PageAsset, { 'cache-control': 'no-cache' }, head);
    } else if (asset !== undefined) {
      reply(response, 200, asset, { 'cache-control': 'no-cache' }, head);
    } else {
      await answerApi(api ?? '', url, response, options, head);
    }
    return true;
  };
}

async function answerApi(
  endpoint: string,
  url: URL,
  response: ServerResponse,
  options: PagesOptions,
  head: boolean,
): Promise<void> {
  const noStore = { 'cache-control': 'no-store' };
  try {
    if (endpoint === 'summary') {
      reply(response, 200, json(await options.data.summary()), noStore, head);
    } else if (endpoint === 'charts') {
      const range = url.searchParams.get('range') ?? '1h';
      if (!CHART_RANGES.includes(range as ChartRange)) {
        reply(
          response,
          400,
          json({ error: 'bad_range', message: `range must be one of ${CHART_RANGES.join(', ')}` }),
        );
        return;
      }
      const charts = await options.data.charts(range as ChartRange);
      reply(response, 200, json({ mode: options.data.mode, range, charts }), noStore, head);
    } else if (endpoint === 'ledger') {
      const rows = await options.data.ledgerRows();
      if (rows === undefined) {
        reply(
          response,
          404,
          json({
            error: 'ledger_view_off',
            message: 'start the exporter with --ledger-db and --pages-ledger',
          }),
        );
        return;
      }
      reply(response, 200, json({ rows }), noStore, head);
    } else {
      reply(
        response,
        404,
        json({ error: 'not_found', message: 'try /api/summary, /api/charts or /api/ledger' }),
      );
    }
  } catch (error) {
    options.logger.error('pages: answering failed', { endpoint, error: (error as Error).message });
    reply(response, 500, json({ error: 'pages_failed', message: 'see the exporter log' }));
  }
}

function json(body: unknown): PageAsset {
  return { contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) };
}

function text(body: string): PageAsset {
  return { contentType: 'text/plain; charset=utf-8', body: Buffer.from(body) };
}

function unauthorizedJson() {
  return {
    error: 'unauthorized',
    message: 'missing or wrong scrape token (bearer header or the pages cookie)',
  };
}

function unauthorizedPage(): PageAsset {
  return {
    contentType: 'text/html; charset=utf-8',
    body: Buffer.from(
      '<!doctype html><meta charset="utf-8"><title>groqmeter: token needed</title>' +
        '<h1>This exporter needs its scrape token</h1>' +
        '<p>Open this page as <code>/?token=YOUR_SCRAPE_TOKEN</code> (the value of <code>--scrape-token</code>) once; the browser then keeps a cookie.</p>',
    ),
  };
}

function reply(
  response: ServerResponse,
  status: number,
  asset: PageAsset,
  headers: Record<string, string> = {},
  head = false,
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'content-type': asset.contentType,
    'content-length': asset.body.byteLength,
  });
  response.end(head ? undefined : asset.body);
}
