import {
  type BatchTiming,
  batchObject,
  batchStatus,
  completionTime,
  fileObject,
  type StoredBatch,
  type StoredFile,
} from './batch-store';
import { composeChatAnswer } from './chat-answer';
import { parseChatRequest } from './chat-request';
import { chatCompletionObject } from './chat-response';
import {
  type GroqErrorBody,
  type GroqErrorResponse,
  invalidRequest,
  modelNotFound,
  notFound,
} from './groq-errors';
import type { Exchange } from './http-exchange';
import { isRecord } from './is-record';
import { MultipartError, parseMultipart } from './multipart';
import { type SimulatorRuntime, systemFingerprint } from './runtime';
import { countPromptTokens } from './tokens';

/** The only batch endpoint Groq supports. */
const BATCH_ENDPOINT = '/v1/chat/completions';

/** `POST /openai/v1/files`: a JSONL batch input file (multipart `file` + `purpose=batch`). */
export async function handleUploadFile(exchange: Exchange, runtime: SimulatorRuntime): Promise<void> {
  const raw = await exchange.rawBody();
  if (!raw.ok) return exchange.fail(raw.error);
  let form: ReturnType<typeof parseMultipart>;
  try {
    form = parseMultipart(raw.value, exchange.header('content-type'));
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    return exchange.fail(invalidRequest(`Could not read the multipart form: ${error.message}.`));
  }
  const purpose = form.fields.get('purpose')?.[0];
  if (purpose !== 'batch') {
    return exchange.fail(invalidRequest(`purpose must be \`batch\`, got \`${purpose ?? '(missing)'}\`.`));
  }
  const upload = form.files.find((f) => f.field === 'file');
  if (!upload)
    return exchange.fail(invalidRequest("property 'file' is missing; upload the JSONL as the `file` field."));
  const problem = jsonlProblem(upload.data.toString('utf8'));
  if (problem)
    return exchange.fail(invalidRequest(`The batch file is invalid: ${problem}`, 'invalid_batch_file'));
  const file: StoredFile = {
    id: runtime.ids.objectId('file'),
    filename: upload.filename,
    purpose: 'batch',
    createdAt: Math.floor(runtime.now() / 1000),
    data: upload.data,
  };
  runtime.batches.files.set(file.id, file);
  exchange.sendJson(200, fileObject(file));
}

export function handleListFiles(exchange: Exchange, runtime: SimulatorRuntime): void {
  exchange.sendJson(200, { object: 'list', data: [...runtime.batches.files.values()].map(fileObject) });
}

export function handleFileInfo(exchange: Exchange, runtime: SimulatorRuntime, id: string): void {
  const file = runtime.batches.files.get(id);
  if (!file) {
    exchange.fail(notFound(`File \`${id}\` does not exist.`));
    return;
  }
  exchange.sendJson(200, fileObject(file));
}

export function handleFileContent(exchange: Exchange, runtime: SimulatorRuntime, id: string): void {
  const file = runtime.batches.files.get(id);
  if (!file) {
    exchange.fail(notFound(`File \`${id}\` does not exist.`));
    return;
  }
  exchange.send(200, 'application/octet-stream', file.data);
}

export function handleDeleteFile(exchange: Exchange, runtime: SimulatorRuntime, id: string): void {
  if (!runtime.batches.files.delete(id)) {
    exchange.fail(notFound(`File \`${id}\` does not exist.`));
    return;
  }
  exchange.sendJson(200, { id, object: 'file', deleted: true });
}

/** `POST /openai/v1/batches`: runs every line at once; retrieving the batch shows it completed. */
export async function handleCreateBatch(exchange: Exchange, runtime: SimulatorRuntime): Promise<void> {
  const body = await exchange.jsonBody();
  if (!body.ok) return exchange.fail(body.error);
  const request = body.value;
  if (!isRecord(request)) return exchange.fail(invalidRequest('The request body must be a JSON object.'));
  if (request.endpoint !== BATCH_ENDPOINT) {
    return exchange.fail(
      invalidRequest(`endpoint must be \`${BATCH_ENDPOINT}\`, got \`${String(request.endpoint)}\`.`),
    );
  }
  if (typeof request.completion_window !== 'string' || request.completion_window === '') {
    return exchange.fail(invalidRequest('property \'completion_window\' is missing (for example "24h").'));
  }
  const input =
    typeof request.input_file_id === 'string' ? runtime.batches.files.get(request.input_file_id) : undefined;
  if (input?.purpose !== 'batch') {
    return exchange.fail(
      invalidRequest(
        `input_file_id \`${String(request.input_file_id)}\` is not an uploaded batch file; upload it with POST /files first.`,
      ),
    );
  }
  const timing = batchTimingHeader(exchange, runtime.batchTiming);
  if (!timing.ok) return exchange.fail(timing.error);
  const now = Math.floor(runtime.now() / 1000);
  const batch: StoredBatch = {
    id: runtime.ids.objectId('batch'),
    inputFileId: input.id,
    endpoint: BATCH_ENDPOINT,
    completionWindow: request.completion_window,
    createdAt: now,
    timing: timing.value,
    metadata: request.metadata ?? null,
    counts: { total: 0, completed: 0, failed: 0 },
  };
  runBatch(runtime, batch, input);
  runtime.batches.batches.set(batch.id, batch);
  exchange.sendJson(200, batchObject(batch, now, true));
}

/** Request header of `POST /batches`: `V,P` seconds validating and in progress, for this batch. */
export const BATCH_TIMING_HEADER = 'x-simulator-batch-timing';
/** Request header of `GET /batches/{id}`: complete the batch now, whatever its timing. */
export const BATCH_FAST_FORWARD_HEADER = 'x-simulator-batch-fast-forward';

function batchTimingHeader(
  exchange: Exchange,
  fallback: BatchTiming,
): { ok: true; value: BatchTiming } | { ok: false; error: GroqErrorResponse } {
  const value = exchange.header(BATCH_TIMING_HEADER);
  if (value === undefined) return { ok: true, value: fallback };
  const parts = value.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n) || n < 0)) {
    return {
      ok: false,
      error: invalidRequest(
        `Header ${BATCH_TIMING_HEADER} is \`${value}\`; expected two seconds counts, validating and in progress, such as \`60,600\`.`,
      ),
    };
  }
  return { ok: true, value: { validatingSeconds: parts[0] ?? 0, inProgressSeconds: parts[1] ?? 0 } };
}

export function handleRetrieveBatch(exchange: Exchange, runtime: SimulatorRuntime, id: string): void {
  const batch = runtime.batches.batches.get(id);
  if (!batch) {
    exchange.fail(notFound(`Batch \`${id}\` does not exist.`));
    return;
  }
  const now = Math.floor(runtime.now() / 1000);
  if (exchange.header(BATCH_FAST_FORWARD_HEADER) === 'true' && batchStatus(batch, now) !== 'completed') {
    batch.completedEarlyAt = now;
  }
  exchange.sendJson(200, batchObject(batch, now));
}

export function handleListBatches(exchange: Exchange, runtime: SimulatorRuntime): void {
  const now = Math.floor(runtime.now() / 1000);
  const data = [...runtime.batches.batches.values()].map((batch) => batchObject(batch, now));
  exchange.sendJson(200, { object: 'list', data });
}

export function handleCancelBatch(exchange: Exchange, runtime: SimulatorRuntime, id: string): void {
  if (!runtime.batches.batches.has(id)) {
    exchange.fail(notFound(`Batch \`${id}\` does not exist.`));
    return;
  }
  exchange.fail(
    invalidRequest(`Batch \`${id}\` has already completed and cannot be cancelled.`, 'batch_not_cancellable'),
  );
}

interface BatchLine {
  custom_id: string;
  body: unknown;
}

function jsonlProblem(content: string): string | undefined {
  const lines = content.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return 'it has no lines; write one JSON request per line.';
  for (const [index, line] of lines.entries()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return `line ${index + 1} is not valid JSON.`;
    }
    if (!isRecord(parsed) || typeof parsed.custom_id !== 'string' || parsed.custom_id === '') {
      return `line ${index + 1} has no string custom_id.`;
    }
    if (parsed.method !== 'POST' || parsed.url !== BATCH_ENDPOINT || !isRecord(parsed.body)) {
      return `line ${index + 1} must have "method": "POST", "url": "${BATCH_ENDPOINT}" and an object "body".`;
    }
  }
  return undefined;
}

/** Answers every line; batch requests use neither the rate-limit budgets nor the prompt cache. */
function runBatch(runtime: SimulatorRuntime, batch: StoredBatch, input: StoredFile): void {
  const lines: BatchLine[] = input.data
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BatchLine);
  const outputs: string[] = [];
  const errors: string[] = [];
  for (const line of lines) {
    const requestId = runtime.ids.requestId();
    const { status, body } = answerBatchLine(runtime, line.body, requestId);
    const record = JSON.stringify({
      id: runtime.ids.objectId('batch_req'),
      custom_id: line.custom_id,
      response: { status_code: status, request_id: requestId, body },
      error: null,
    });
    (status === 200 ? outputs : errors).push(record);
  }
  batch.counts = { total: lines.length, completed: outputs.length, failed: errors.length };
  if (outputs.length > 0) batch.outputFileId = storeOutput(runtime, batch, 'output', outputs);
  if (errors.length > 0) batch.errorFileId = storeOutput(runtime, batch, 'error', errors);
}

function answerBatchLine(
  runtime: SimulatorRuntime,
  body: unknown,
  requestId: string,
): { status: number; body: Record<string, unknown> | GroqErrorBody } {
  const parsed = parseChatRequest(body);
  if (!parsed.ok) return { status: parsed.error.status, body: parsed.error.body };
  const request = parsed.value;
  const model = runtime.models.get(request.model);
  if (!model || (model.kind !== 'chat' && model.kind !== 'guard')) {
    const error = modelNotFound(request.model);
    runtime.stats.response(request.model, 'batch', error.status);
    return { status: error.status, body: error.body };
  }
  const promptTokens = countPromptTokens(request.messages, request.toolDefinitions);
  const answer = composeChatAnswer(request, model, { seed: runtime.seed, promptTokens, cachedTokens: 0 });
  runtime.stats.response(model.id, 'batch', 200);
  runtime.stats.batchRequest(model.id);
  runtime.stats.tokens(model.id, 'batch', {
    promptTokens,
    cachedTokens: 0,
    completionTokens: answer.usage.completion_tokens,
    reasoningTokens: answer.reasoningTokens,
  });
  const completion = chatCompletionObject(
    {
      id: runtime.ids.chatCompletionId(),
      requestId,
      created: Math.floor(runtime.now() / 1000),
      model: model.id,
      systemFingerprint: systemFingerprint(model.id),
      serviceTier: request.serviceTier,
    },
    answer,
  );
  return { status: 200, body: completion };
}

function storeOutput(
  runtime: SimulatorRuntime,
  batch: StoredBatch,
  kind: 'output' | 'error',
  lines: string[],
): string {
  const file: StoredFile = {
    id: runtime.ids.objectId('file'),
    filename: `${batch.id}_${kind}.jsonl`,
    purpose: 'batch_output',
    createdAt: completionTime(batch),
    data: Buffer.from(`${lines.join('\n')}\n`),
  };
  runtime.batches.files.set(file.id, file);
  return file.id;
}
