/**
 * The worker thread of {@link decodeMetricsRequestOffThread}: decodes and validates one metrics
 * body per job and answers in parts (the request without its points, then the points a few
 * thousand at a time), so that the event loop taking them in never stops for long on one message.
 */
import { parentPort } from 'node:worker_threads';
import { decodeMetricsRequest } from './decode-request.js';
import type { MetricsRequest } from './metrics-model.js';
import { type DecodeJob, type DecodeOutcome, POINTS_PER_PART, type PointsPart } from './off-thread-decode.js';
import { PayloadError } from './otlp-json-fields.js';

function post(outcome: DecodeOutcome): void {
  parentPort?.postMessage(outcome);
}

/** The request with every point list emptied, and the points as parts to put back. */
function split(request: MetricsRequest): { skeleton: MetricsRequest; parts: Omit<PointsPart, 'id'>[] } {
  const parts: Omit<PointsPart, 'id'>[] = [];
  const skeleton: MetricsRequest = {
    resourceMetrics: request.resourceMetrics.map((resource, r) => ({
      ...resource,
      scopeMetrics: resource.scopeMetrics.map((scope, s) => ({
        ...scope,
        metrics: scope.metrics.map((metric, m) => {
          if (!('points' in metric.data)) return metric;
          const { points } = metric.data;
          for (let start = 0; start < points.length; start += POINTS_PER_PART) {
            parts.push({ at: [r, s, m], points: points.slice(start, start + POINTS_PER_PART) });
          }
          return { ...metric, data: { ...metric.data, points: [] } } as typeof metric;
        }),
      })),
    })),
  };
  return { skeleton, parts };
}

/** Answers still being sent, by job: the next is sent when the main thread asks for it. */
const answers = new Map<number, DecodeOutcome[]>();

function sendNext(id: number): void {
  const queue = answers.get(id);
  const next = queue?.shift();
  if (next === undefined) return;
  if (queue!.length === 0) answers.delete(id);
  post(next);
}

parentPort?.on('message', (message: DecodeJob | { next: number }) => {
  if ('next' in message) {
    sendNext(message.next);
    return;
  }
  const { id, body, encoding } = message;
  let request: MetricsRequest;
  try {
    request = decodeMetricsRequest(body, encoding);
  } catch (error) {
    post({ id, error: (error as Error).message, payload: error instanceof PayloadError });
    return;
  }
  const { skeleton, parts } = split(request);
  // One part per turn of the main thread's event loop: a port delivers every queued message in
  // one go, so the parts are sent one by one, each when the previous one was taken.
  answers.set(id, [{ id, skeleton }, ...parts.map((part) => ({ id, ...part })), { id, done: true }]);
  sendNext(id);
});
