import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { uploadDurationSeconds } from '../audio-duration';
import { isRecord } from '../is-record';
import { parseMultipart } from '../multipart';
import { countPromptTokens, countTokens } from '../tokens';
import { AssistantsStore, type Run } from './assistants-store';
import {
  answerFor,
  chatUsage,
  embeddingInputTokens,
  responsesInputTokens,
  responsesUsage,
  snapshotOf,
  transcribeAudioTokens,
} from './openai-answers';

/** Options of {@link startOpenAISimulator}. */
export interface OpenAISimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Seeds the answers and ids (default 1). */
  seed?: number;
  /** The clock of `created_at` and the run times (default `Date.now`). */
  now?: () => number;
}

/** What the OpenAI stand-in answered, for tests and the demo's summary. */
export interface OpenAISimulatorStats {
  /** Requests by route operation (`chat`, `responses`, `embeddings`, `transcription`, `assistant_run`, ...). */
  requests: Record<string, number>;
  /** Runs that reached `completed`. */
  completedRuns: number;
}

/** A running OpenAI stand-in. */
export interface RunningOpenAISimulator {
  /** The base URL to give `new OpenAI({ baseURL })`: `http://127.0.0.1:<port>/v1`, like api.openai.com/v1. */
  url: string;
  port: number;
  stats(): OpenAISimulatorStats;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/** A Responses API answer made with `background: true`: queued, then complete on its second read (a streamed one on its first). */
interface BackgroundResponse {
  final: Json;
  reads: number;
}

interface Context {
  store: AssistantsStore;
  /** Background responses by id. */
  background: Map<string, BackgroundResponse>;
  now: () => number;
  seed: number;
  calls: number;
  stats: OpenAISimulatorStats;
}

/** Rate-limit headers as OpenAI sends them: per-minute windows, unlike Groq's per-day requests. */
const RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit-requests': '5000',
  'x-ratelimit-remaining-requests': '4999',
  'x-ratelimit-reset-requests': '12ms',
  'x-ratelimit-limit-tokens': '800000',
  'x-ratelimit-remaining-tokens': '799000',
  'x-ratelimit-reset-tokens': '75ms',
};

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...RATE_LIMIT_HEADERS, ...headers });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse, message: string): void {
  send(res, 404, { error: { message, type: 'invalid_request_error', param: null, code: 'not_found' } });
}

function badRequest(res: ServerResponse, message: string): void {
  send(res, 400, { error: { message, type: 'invalid_request_error', param: null, code: null } });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): Json {
  const value: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  return isRecord(value) ? value : {};
}

/** Server-sent events, each with its `event:` name when given (the Responses and Assistants streams). */
function sse(res: ServerResponse, events: readonly { event?: string; data: unknown }[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', ...RATE_LIMIT_HEADERS });
  for (const { event, data } of events) {
    res.write(
      `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    );
  }
  res.end();
}

function chatCompletion(ctx: Context, body: Json, res: ServerResponse): void {
  const model = String(body.model ?? '');
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const prompt = countPromptTokens(messages, Array.isArray(body.tools) ? body.tools : null);
  ctx.calls += 1;
  const answer = answerFor(model, ctx.calls);
  const usage = chatUsage(prompt, answer.completionTokens, answer.reasoningTokens);
  const id = `chatcmpl-${ctx.seed}${ctx.calls}`;
  const base = {
    id,
    created: Math.floor(ctx.now() / 1000),
    model: snapshotOf(model),
    service_tier: 'default',
    system_fingerprint: 'fp_sim',
  };
  if (body.stream !== true) {
    send(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer.text, refusal: null },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage,
    });
    return;
  }
  const chunk = (delta: Json, finish: string | null) => ({
    ...base,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    usage: null,
  });
  const words = answer.text.split(' ');
  const events: { data: unknown }[] = [
    { data: chunk({ role: 'assistant', content: '' }, null) },
    ...words.map((word, i) => ({ data: chunk({ content: i === 0 ? word : ` ${word}` }, null) })),
    { data: chunk({}, 'stop') },
  ];
  const includeUsage = isRecord(body.stream_options) && body.stream_options.include_usage === true;
  if (includeUsage) events.push({ data: { ...base, object: 'chat.completion.chunk', choices: [], usage } });
  events.push({ data: '[DONE]' });
  sse(res, events);
}

function response(ctx: Context, body: Json, res: ServerResponse): void {
  const model = String(body.model ?? '');
  const input = responsesInputTokens(body.input, body.instructions);
  ctx.calls += 1;
  const answer = answerFor(model, ctx.calls);
  const id = `resp_${ctx.seed}${ctx.calls}`;
  const message = {
    type: 'message',
    id: `msg_${ctx.seed}${ctx.calls}`,
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text: answer.text, annotations: [] }],
  };
  const final = {
    id,
    object: 'response',
    created_at: Math.floor(ctx.now() / 1000),
    status: 'completed',
    model: snapshotOf(model),
    output: [message],
    service_tier: 'default',
    usage: responsesUsage(input, answer.completionTokens, answer.reasoningTokens),
    ...(body.background === true ? { background: true } : {}),
  };
  if (body.background === true) {
    // A streamed one has run by the time it is read again.
    ctx.background.set(id, { final, reads: body.stream === true ? 1 : 0 });
    if (body.stream !== true) {
      send(res, 200, { ...final, status: 'queued', output: [], usage: null });
      return;
    }
  }
  if (body.stream !== true) {
    send(res, 200, final);
    return;
  }
  sse(res, responseEvents(final));
}

/** The Responses stream of a finished response: created, its text word by word, completed. */
function responseEvents(final: Json): { event: string; data: unknown }[] {
  const [message] = final.output as { id: string; content: { text: string }[] }[];
  const text = message?.content[0]?.text ?? '';
  const created = { ...final, status: 'in_progress', output: [], usage: null };
  return [
    { event: 'response.created', data: { type: 'response.created', sequence_number: 0, response: created } },
    ...text.split(' ').map((word, i) => ({
      event: 'response.output_text.delta',
      data: {
        type: 'response.output_text.delta',
        sequence_number: i + 1,
        item_id: message?.id,
        output_index: 0,
        content_index: 0,
        delta: i === 0 ? word : ` ${word}`,
      },
    })),
    {
      event: 'response.completed',
      data: { type: 'response.completed', sequence_number: 99, response: final },
    },
  ];
}

function embeddings(body: Json, res: ServerResponse): void {
  const tokens = embeddingInputTokens(body.input);
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const vector = [0.125, -0.25, 0.5, 0.0625];
  const encoded =
    body.encoding_format === 'base64'
      ? Buffer.from(new Float32Array(vector).buffer).toString('base64')
      : vector;
  send(res, 200, {
    object: 'list',
    data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: encoded })),
    model: String(body.model ?? ''),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

async function audioToText(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  const form = parseMultipart(body, req.headers['content-type']);
  const model = form.fields.get('model')?.[0] ?? '';
  const file = form.files[0];
  if (file === undefined) return badRequest(res, 'file is required');
  const seconds = await uploadDurationSeconds(file.data, file.filename, file.contentType);
  const text = 'The quick brown fox jumps over the lazy dog.';
  // whisper-1 is billed per time; the gpt-4o transcribe models per token, audio tokens apart.
  const usage =
    model === 'whisper-1'
      ? { type: 'duration', seconds: Math.ceil(seconds) }
      : {
          type: 'tokens',
          input_tokens: transcribeAudioTokens(seconds),
          input_token_details: { text_tokens: 0, audio_tokens: transcribeAudioTokens(seconds) },
          output_tokens: countTokens(text),
          total_tokens: transcribeAudioTokens(seconds) + countTokens(text),
        };
  send(res, 200, { text, usage });
}

function speech(body: Json, res: ServerResponse): void {
  const characters = typeof body.input === 'string' ? body.input.length : 0;
  res.writeHead(200, { 'content-type': 'audio/mpeg', ...RATE_LIMIT_HEADERS });
  res.end(Buffer.alloc(Math.max(1, characters * 40)));
}

/** `openai-poll-after-ms`: the SDK's `poll()` waits this long between reads (OpenAI sends it too). */
const POLL_HEADERS = { 'openai-poll-after-ms': '5' };

function streamRun(ctx: Context, run: Run, res: ServerResponse): void {
  const { run: done, message } = ctx.store.finish(run.id);
  ctx.stats.completedRuns += 1;
  const text = message.content[0]?.text.value ?? '';
  const started = { ...done, status: 'in_progress', completed_at: null, usage: null };
  sse(res, [
    { event: 'thread.run.created', data: { ...run } },
    { event: 'thread.run.in_progress', data: started },
    { event: 'thread.message.created', data: { ...message, status: 'in_progress', content: [] } },
    {
      event: 'thread.message.delta',
      data: {
        id: message.id,
        object: 'thread.message.delta',
        delta: { content: [{ index: 0, type: 'text', text: { value: text } }] },
      },
    },
    { event: 'thread.message.completed', data: message },
    { event: 'thread.run.completed', data: done },
    { event: 'done', data: '[DONE]' },
  ]);
}

function startRun(ctx: Context, threadId: string, body: Json, res: ServerResponse): void {
  const assistantId = String(body.assistant_id ?? '');
  if (!ctx.store.hasAssistant(assistantId)) {
    notFound(res, `No assistant found with id '${assistantId}'.`);
    return;
  }
  if (typeof body.additional_instructions === 'string')
    ctx.store.addMessage(threadId, 'user', body.additional_instructions);
  const run = ctx.store.createRun(
    threadId,
    assistantId,
    typeof body.model === 'string' ? body.model : undefined,
    typeof body.instructions === 'string' ? body.instructions : undefined,
  );
  if (body.stream === true) streamRun(ctx, run, res);
  else send(res, 200, run, POLL_HEADERS);
}

type Handler = (
  ctx: Context,
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  params: string[],
) => void | Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  /** The stats entry (`requests[operation]`). */
  operation: string;
  handle: Handler;
}

const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'gpt-4.1-mini',
  'gpt-5-mini',
  'whisper-1',
  'gpt-4o-transcribe',
  'tts-1',
];

/** The thread of a thread route, or a 404 answered. */
function withThread(
  handle: (ctx: Context, threadId: string, body: Buffer, res: ServerResponse, runId: string) => void,
): Handler {
  return (ctx, _req, body, res, [threadId = '', runId = '']) => {
    if (!ctx.store.hasThread(threadId)) return notFound(res, `No thread found with id '${threadId}'.`);
    handle(ctx, threadId, body, res, runId);
  };
}

const ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/chat\/completions$/,
    operation: 'chat',
    handle: (ctx, _r, body, res) => chatCompletion(ctx, parseJson(body), res),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/responses$/,
    operation: 'responses',
    handle: (ctx, _r, body, res) => response(ctx, parseJson(body), res),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/responses\/([^/]+)$/,
    operation: 'response_retrieve',
    handle: (ctx, req, _b, res, [id = '']) => {
      const background = ctx.background.get(id);
      if (background === undefined) return notFound(res, `Response with id '${id}' not found.`);
      // `?stream=true` resumes the response's stream: here, the whole of it, once it has run.
      if (new URL(req.url ?? '', 'http://simulator').searchParams.get('stream') === 'true')
        return sse(res, responseEvents(background.final));
      background.reads += 1;
      if (background.reads >= 2) return send(res, 200, background.final);
      send(res, 200, { ...background.final, status: 'in_progress', output: [], usage: null });
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/embeddings$/,
    operation: 'embeddings',
    handle: (_c, _r, body, res) => embeddings(parseJson(body), res),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/audio\/transcriptions$/,
    operation: 'transcription',
    handle: (_c, req, body, res) => audioToText(req, body, res),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/audio\/translations$/,
    operation: 'translation',
    handle: (_c, req, body, res) => audioToText(req, body, res),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/audio\/speech$/,
    operation: 'speech',
    handle: (_c, _r, body, res) => speech(parseJson(body), res),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/models$/,
    operation: 'models',
    handle: (_c, _r, _b, res) =>
      send(res, 200, {
        object: 'list',
        data: MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'openai' })),
      }),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/assistants$/,
    operation: 'assistants',
    handle: (ctx, _r, body, res) => {
      const json = parseJson(body);
      send(
        res,
        200,
        ctx.store.createAssistant(
          String(json.model ?? ''),
          typeof json.instructions === 'string' ? json.instructions : null,
        ),
      );
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/threads$/,
    operation: 'threads',
    handle: (ctx, _r, body, res) => {
      const json = parseJson(body);
      send(res, 200, ctx.store.createThread(Array.isArray(json.messages) ? json.messages : []));
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/threads\/runs$/,
    operation: 'assistant_run',
    handle: (ctx, _r, body, res) => {
      const json = parseJson(body);
      const messages =
        isRecord(json.thread) && Array.isArray(json.thread.messages) ? json.thread.messages : [];
      startRun(ctx, ctx.store.createThread(messages).id, json, res);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/threads\/([^/]+)\/messages$/,
    operation: 'messages',
    handle: withThread((ctx, threadId, body, res) => {
      const json = parseJson(body);
      send(res, 200, ctx.store.addMessage(threadId, String(json.role ?? 'user'), String(json.content ?? '')));
    }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/threads\/([^/]+)\/messages$/,
    operation: 'messages',
    handle: withThread((ctx, threadId, _b, res) => {
      const data = ctx.store.messages(threadId);
      send(res, 200, {
        object: 'list',
        data,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
        has_more: false,
      });
    }),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/threads\/([^/]+)\/runs$/,
    operation: 'assistant_run',
    handle: withThread((ctx, threadId, body, res) => startRun(ctx, threadId, parseJson(body), res)),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/threads\/([^/]+)\/runs\/([^/]+)$/,
    operation: 'run_retrieve',
    handle: withThread((ctx, _threadId, _b, res, runId) => {
      const read = ctx.store.readRun(runId);
      if (read === undefined) return notFound(res, `No run found with id '${runId}'.`);
      if (read.justCompleted) ctx.stats.completedRuns += 1;
      send(res, 200, read.run, POLL_HEADERS);
    }),
  },
];

async function route(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '').split('?')[0] ?? '';
  const body = await readBody(req);
  for (const candidate of ROUTES) {
    const match = candidate.method === req.method ? candidate.pattern.exec(path) : null;
    if (match === null) continue;
    ctx.stats.requests[candidate.operation] = (ctx.stats.requests[candidate.operation] ?? 0) + 1;
    return candidate.handle(ctx, req, body, res, match.slice(1));
  }
  notFound(res, `Unknown request URL: ${req.method} ${path}.`);
}

/**
 * Starts an OpenAI stand-in (api.openai.com's `/v1` paths and answer shapes) for tests and the
 * demo: chat completions and the Responses API (streamed or not), embeddings, audio
 * transcription, translation and speech, and the Assistants API (assistants, threads, messages,
 * runs that complete after two reads, streamed runs), and background responses (`background:
 * true`: queued, then complete on their second `GET /v1/responses/{id}`). Deterministic by seed; no network.
 *
 * @example
 * const openaiSim = await startOpenAISimulator();
 * const openai = new OpenAI({ apiKey: 'sk-test', baseURL: openaiSim.url });
 */
export async function startOpenAISimulator(
  options: OpenAISimulatorOptions = {},
): Promise<RunningOpenAISimulator> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const ctx: Context = {
    store: new AssistantsStore(now, seed),
    now,
    seed,
    calls: 0,
    background: new Map(),
    stats: { requests: {}, completedRuns: 0 },
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    route(ctx, req, res).catch((error: unknown) => {
      if (!res.headersSent) badRequest(res, error instanceof Error ? error.message : String(error));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    stats: () => structuredClone(ctx.stats),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
