import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { handleAudioText, handleSpeech } from './audio-handlers';
import {
  handleCancelBatch,
  handleCreateBatch,
  handleDeleteFile,
  handleFileContent,
  handleFileInfo,
  handleListBatches,
  handleListFiles,
  handleRetrieveBatch,
  handleUploadFile,
} from './batch-handlers';
import { BatchStore } from './batch-store';
import { handleChatCompletion } from './chat-handler';
import { FaultInjector } from './fault-injector';
import { internalServerError, invalidApiKey, unknownRoute } from './groq-errors';
import { Exchange, type ExchangeServices } from './http-exchange';
import { DEFAULT_RETIRED_MODEL, resolveModels } from './model-catalogue';
import { handleListModels, handleRetrieveModel } from './models-handler';
import { PromptCache } from './prompt-cache';
import { RateLimiter, rateLimitHeaders } from './rate-limiter';
import { handleResponses } from './responses-handler';
import { IdSequence, organizationFor, type SimulatorRuntime } from './runtime';
import { createRandom, deriveSeed } from './seeded-random';
import { validateSimulatorOptions } from './simulator-config';
import { StatsRecorder } from './stats-recorder';
import type { RunningSimulator, SimulatorOperation, SimulatorOptions } from './types';

/** Where the OpenAI-compatible API lives, as on api.groq.com. */
export const API_PREFIX = '/openai/v1';

type RouteHandler = (exchange: Exchange, runtime: SimulatorRuntime, params: string[]) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  operation: SimulatorOperation;
  handle: RouteHandler;
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/chat\/completions$/, operation: 'chat', handle: handleChatCompletion },
  { method: 'POST', pattern: /^\/responses$/, operation: 'responses', handle: handleResponses },
  { method: 'GET', pattern: /^\/models$/, operation: 'models', handle: handleListModels },
  {
    method: 'GET',
    pattern: /^\/models\/(.+)$/,
    operation: 'models',
    handle: (exchange, runtime, [id]) => handleRetrieveModel(exchange, runtime, id ?? ''),
  },
  {
    method: 'POST',
    pattern: /^\/audio\/transcriptions$/,
    operation: 'transcription',
    handle: (exchange, runtime) => handleAudioText(exchange, runtime, 'transcribe'),
  },
  {
    method: 'POST',
    pattern: /^\/audio\/translations$/,
    operation: 'translation',
    handle: (exchange, runtime) => handleAudioText(exchange, runtime, 'translate'),
  },
  { method: 'POST', pattern: /^\/audio\/speech$/, operation: 'speech', handle: handleSpeech },
  { method: 'POST', pattern: /^\/files$/, operation: 'files', handle: handleUploadFile },
  { method: 'GET', pattern: /^\/files$/, operation: 'files', handle: handleListFiles },
  {
    method: 'GET',
    pattern: /^\/files\/([^/]+)\/content$/,
    operation: 'files',
    handle: (e, r, [id]) => handleFileContent(e, r, id ?? ''),
  },
  {
    method: 'GET',
    pattern: /^\/files\/([^/]+)$/,
    operation: 'files',
    handle: (e, r, [id]) => handleFileInfo(e, r, id ?? ''),
  },
  {
    method: 'DELETE',
    pattern: /^\/files\/([^/]+)$/,
    operation: 'files',
    handle: (e, r, [id]) => handleDeleteFile(e, r, id ?? ''),
  },
  { method: 'POST', pattern: /^\/batches$/, operation: 'batch', handle: handleCreateBatch },
  { method: 'GET', pattern: /^\/batches$/, operation: 'batch', handle: handleListBatches },
  {
    method: 'GET',
    pattern: /^\/batches\/([^/]+)$/,
    operation: 'batch',
    handle: (e, r, [id]) => handleRetrieveBatch(e, r, id ?? ''),
  },
  {
    method: 'POST',
    pattern: /^\/batches\/([^/]+)\/cancel$/,
    operation: 'batch',
    handle: (e, r, [id]) => handleCancelBatch(e, r, id ?? ''),
  },
];

/**
 * Starts a Groq-compatible API server.
 *
 * @example
 * ```ts
 * const sim = await startSimulator();
 * const groq = new Groq({ apiKey: 'test', baseURL: sim.url });
 * await groq.chat.completions.create({ model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'Hi' }] });
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const config = validateSimulatorOptions(options, 'startSimulator options');
  const seed = config.seed ?? 1;
  const now = options.now ?? Date.now;
  const timeScale = config.timeScale ?? 0;
  const models = resolveModels(
    config.models,
    config.retiredModel === undefined ? DEFAULT_RETIRED_MODEL : config.retiredModel,
  );
  const runtime: SimulatorRuntime = {
    seed,
    organization: config.organization ?? organizationFor(seed),
    plan: config.plan ?? 'free',
    timeScale,
    now,
    models,
    limiter: new RateLimiter((id) => models.get(id)?.limits, now),
    cache: new PromptCache(now),
    faults: new FaultInjector(config.faults ?? [], createRandom(deriveSeed(seed, 'faults')), timeScale),
    stats: new StatsRecorder(),
    ids: new IdSequence(seed),
    batches: new BatchStore(),
    batchTiming: {
      validatingSeconds: config.batchTiming?.validatingSeconds ?? 0,
      inProgressSeconds: config.batchTiming?.inProgressSeconds ?? 0,
    },
  };
  const headlineModel = [...models.values()].find((m) => m.kind === 'chat')?.id;
  const services: ExchangeServices = {
    stats: runtime.stats,
    timeScale,
    rateLimitHeaders: (model) => {
      const id = model !== undefined && models.has(model) ? model : headlineModel;
      return id === undefined ? {} : rateLimitHeaders(runtime.limiter.snapshot(id));
    },
  };
  const reset = () => {
    runtime.limiter.reset();
    runtime.cache.reset();
    runtime.faults.reset();
    runtime.stats.reset();
    runtime.ids.reset();
    runtime.batches.reset();
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    dispatch(req, res, runtime, services, reset).catch(() => {
      if (!res.headersSent) {
        const error = internalServerError();
        res.writeHead(error.status, { 'content-type': 'application/json' }).end(JSON.stringify(error.body));
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = config.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (config.port ?? 0);
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    openaiBaseURL: `${url}${API_PREFIX}`,
    port,
    reset,
    stats: () => runtime.stats.snapshot(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  runtime: SimulatorRuntime,
  services: ExchangeServices,
  reset: () => void,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://simulator').pathname;
  const method = req.method ?? 'GET';
  if (path === '/__simulator/stats' && method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(runtime.stats.snapshot()));
    return;
  }
  if (path === '/__simulator/reset' && method === 'POST') {
    reset();
    res.writeHead(204).end();
    return;
  }
  const requestId = runtime.ids.requestId();
  const subPath = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : undefined;
  const match = subPath === undefined ? undefined : findRoute(method, subPath);
  if (!match) {
    new Exchange(req, res, undefined, requestId, services).fail(unknownRoute(method, path));
    return;
  }
  const exchange = new Exchange(req, res, match.route.operation, requestId, services);
  if (!hasBearerToken(req)) {
    exchange.rateLimited = false;
    exchange.fail(invalidApiKey());
    return;
  }
  await match.route.handle(exchange, runtime, match.params);
}

function findRoute(method: string, subPath: string): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(subPath);
    if (found) return { route, params: found.slice(1).map(decodePathParam) };
  }
  return undefined;
}

function decodePathParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Groq accepts any request with a non-empty bearer token here; the token itself is never read further. */
function hasBearerToken(req: IncomingMessage): boolean {
  const value = req.headers.authorization;
  return typeof value === 'string' && /^Bearer\s+\S+/i.test(value);
}
