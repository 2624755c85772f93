import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { decodeMetricsRequest, type OtlpEncoding } from './decode-request.js';
import type { MetricsRequest } from './metrics-model.js';
import { PayloadError } from './otlp-json-fields.js';
import { readMetricsProtobufInSlices } from './protobuf-slices.js';

/** A body handed to the decode worker. */
export interface DecodeJob {
  id: number;
  body: Uint8Array;
  encoding: OtlpEncoding;
}

/** Points of one metric, to put back into the request the worker sent first. */
export interface PointsPart {
  id: number;
  /** Indexes of the resource, the scope and the metric. */
  at: [number, number, number];
  points: unknown[];
}

/**
 * What the decode worker answers to a job: the request without its points, then its points in
 * parts, then `done`; or why it refused the body.
 */
export type DecodeOutcome =
  | { id: number; skeleton: MetricsRequest }
  | PointsPart
  | { id: number; done: true }
  | { id: number; error: string; payload: boolean };

/** Points per part of an answer: taking one in costs the event loop about a millisecond. */
export const POINTS_PER_PART = 2000;

interface PendingJob {
  request?: MetricsRequest;
  resolve: (request: MetricsRequest) => void;
  reject: (error: Error) => void;
}

/**
 * Protobuf bodies at least this large are not decoded in one go but in slices on this thread
 * (or on the worker thread when the slices do not take them). Smaller ones cost less to decode
 * at once than to cut.
 */
export const OFF_THREAD_MIN_BYTES = 256 * 1024;

/**
 * JSON bodies at least this large go to the worker thread; smaller ones are decoded at once, on
 * this thread. About 2,500 points, whose `JSON.parse` and reading take about 10 ms of the event
 * loop, the turn the ingest itself keeps before letting it run: below that, the hop (copying the
 * body over, then a structured clone of every point back and its garbage here) costs more CPU
 * than it saves the event loop. A 412 KiB body of 1,000 points cost the exporter (worker
 * included) about 11 µs of CPU per point with the hop and 6 µs without it.
 */
export const JSON_OFF_THREAD_MIN_BYTES = 1024 * 1024;

/** The built worker next to this module (`dist/decode-worker.js` or `.cjs`). */
const WORKER_FILE = fileURLToPath(
  new URL(import.meta.url.endsWith('.cjs') ? './decode-worker.cjs' : './decode-worker.js', import.meta.url),
);

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, PendingJob>();

function decodeWorker(): Worker | undefined {
  if (worker) return worker;
  // Running from the sources (the package's own tests), there is no built worker: decode in place.
  if (!existsSync(WORKER_FILE)) return undefined;
  const created = new Worker(WORKER_FILE);
  // An idle worker must not keep the process alive; a busy one is awaited by its caller.
  created.unref();
  created.on('message', (outcome: DecodeOutcome) => {
    const job = pending.get(outcome.id);
    if (!job) return;
    takeOutcome(job, outcome);
    // Ask for the next part once the event loop has had a turn.
    if (pending.has(outcome.id)) setImmediate(() => created.postMessage({ next: outcome.id }));
  });
  created.on('error', (error) => failAll(error));
  created.on('exit', () => {
    worker = undefined;
    failAll(new Error('the OTLP decode worker stopped'));
  });
  worker = created;
  return created;
}

function takeOutcome(job: PendingJob, outcome: DecodeOutcome): void {
  if ('skeleton' in outcome) {
    job.request = outcome.skeleton;
  } else if ('points' in outcome) {
    const [r, s, m] = outcome.at;
    const data = job.request?.resourceMetrics[r]?.scopeMetrics[s]?.metrics[m]?.data;
    if (data && 'points' in data) for (const point of outcome.points) (data.points as unknown[]).push(point);
  } else {
    pending.delete(outcome.id);
    if ('done' in outcome && job.request) job.resolve(job.request);
    else
      job.reject(
        'error' in outcome && outcome.payload
          ? new PayloadError(outcome.error)
          : new Error('error' in outcome ? outcome.error : 'the decode worker sent no request'),
      );
  }
}

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

/**
 * {@link decodeMetricsRequest} for large bodies without holding the event loop for long
 * (scrapes, health checks and other pushes go on meanwhile); small bodies are decoded at once.
 * A large protobuf body is decoded on this thread in slices of about 128 KiB of metrics, the
 * event loop running between them: the single-pass reader is fast enough that handing its
 * request back from a worker (a structured clone of every point, then its garbage) costs more
 * CPU than the decoding. `JSON.parse` cannot be sliced, so a JSON body of
 * {@link JSON_OFF_THREAD_MIN_BYTES} or more, or a protobuf one the slices do not take (any body
 * that is not plain and valid: its error is then worded by the whole-body decoding), goes to a
 * worker thread; the body is copied to it, never transferred: the caller keeps it.
 *
 * @throws {PayloadError} when the body is not a well-formed `ExportMetricsServiceRequest`.
 */
export async function decodeMetricsRequestOffThread(
  body: Uint8Array,
  encoding: OtlpEncoding,
): Promise<MetricsRequest> {
  if (encoding === 'json' && body.byteLength < JSON_OFF_THREAD_MIN_BYTES) {
    return decodeMetricsRequest(body, encoding);
  }
  if (encoding === 'protobuf') {
    if (body.byteLength < OFF_THREAD_MIN_BYTES) return decodeMetricsRequest(body, encoding);
    const request = await readMetricsProtobufInSlices(body);
    if (request !== undefined) return request;
  }
  const target = decodeWorker();
  if (!target) return decodeMetricsRequest(body, encoding);
  const id = nextId++;
  return new Promise<MetricsRequest>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.ref();
    const job: DecodeJob = { id, body, encoding };
    target.postMessage(job);
  }).finally(() => {
    if (pending.size === 0) worker?.unref();
  });
}
