/** The parts of Groq's batch object (`GET /openai/v1/batches`) the reconciler reads. */
export interface GroqBatch {
  id: string;
  status: string;
  endpoint: string | undefined;
  outputFileId: string | undefined;
  /** Unix seconds. */
  completedAt: number | undefined;
  metadata: Record<string, unknown>;
}

/** How the reconciler talks to Groq. */
export interface GroqBatchApiOptions {
  /** Never logged, never in an error message. */
  apiKey: string;
  /** As groq-sdk's `baseURL` (`https://api.groq.com`). */
  baseUrl: string;
  timeoutMs: number;
  /** Largest output file downloaded; a larger one fails the batch (counted) instead of filling memory. */
  maxFileBytes: number;
  signal: AbortSignal;
}

/** A Groq API failure, with a message that never carries the key. */
export class GroqBatchApiError extends Error {}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function batchOf(value: unknown): GroqBatch | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const batch = value as Record<string, unknown>;
  const id = text(batch.id);
  const status = text(batch.status);
  if (id === undefined || status === undefined) return undefined;
  const metadata = batch.metadata;
  return {
    id,
    status,
    endpoint: text(batch.endpoint),
    outputFileId: text(batch.output_file_id),
    completedAt: typeof batch.completed_at === 'number' ? batch.completed_at : undefined,
    metadata:
      typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
        ? (metadata as Record<string, unknown>)
        : {},
  };
}

async function get(path: string, options: GroqBatchApiOptions, accept: string): Promise<Response> {
  const response = await fetch(`${options.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${options.apiKey}`, accept },
    signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
  }).catch((error: unknown) => {
    throw new GroqBatchApiError(`GET ${path} failed: ${(error as Error).name}`);
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new GroqBatchApiError(
      `GET ${path} answered HTTP ${response.status}${response.status === 401 ? ' (check GROQ_API_KEY)' : ''}`,
    );
  }
  return response;
}

/** Pages of the batch list read per poll, at most (a list that goes on is read from its start next poll). */
export const MAX_BATCH_LIST_PAGES = 50;

/** The batches of one poll, and whether the list went on past {@link MAX_BATCH_LIST_PAGES}. */
export interface BatchList {
  batches: GroqBatch[];
  truncated: boolean;
}

/**
 * `GET /openai/v1/batches`: the batches Groq lists. groq-sdk's `batches.list()` takes no paging and
 * Groq answers the whole list; an answer that says `has_more` (the OpenAI list shape a Groq-
 * compatible server may use) is followed with `?after=` its `last_id` (or its last batch's id).
 */
export async function listBatches(options: GroqBatchApiOptions): Promise<BatchList> {
  const batches: GroqBatch[] = [];
  let path = '/openai/v1/batches';
  for (let page = 1; ; page += 1) {
    const body = (await (await get(path, options, 'application/json')).json()) as {
      data?: unknown;
      has_more?: unknown;
      last_id?: unknown;
    } | null;
    if (!Array.isArray(body?.data)) throw new GroqBatchApiError(`GET ${path}: no "data" list`);
    const data: unknown[] = body.data;
    for (const entry of data) {
      const batch = batchOf(entry);
      if (batch !== undefined) batches.push(batch);
    }
    const after = text(body.last_id) ?? text((data.at(-1) as { id?: unknown } | undefined)?.id);
    if (body.has_more !== true || after === undefined) return { batches, truncated: false };
    if (page === MAX_BATCH_LIST_PAGES) return { batches, truncated: true };
    path = `/openai/v1/batches?after=${encodeURIComponent(after)}`;
  }
}

/** `GET /openai/v1/files/{id}/content`, read up to `maxFileBytes`. */
export async function downloadFile(fileId: string, options: GroqBatchApiOptions): Promise<string> {
  const path = `/openai/v1/files/${encodeURIComponent(fileId)}/content`;
  const response = await get(path, options, '*/*');
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  for (let read = await reader?.read(); read !== undefined && !read.done; read = await reader?.read()) {
    bytes += read.value.byteLength;
    if (bytes > options.maxFileBytes) {
      await reader?.cancel();
      throw new GroqBatchApiError(`GET ${path}: the file is larger than ${options.maxFileBytes} bytes`);
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
