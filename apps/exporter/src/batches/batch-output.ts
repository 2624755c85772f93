import type { Usage } from '@groqmeter/pricing';
import { readCompletionUsage } from '@groqmeter/recorder';

/**
 * One successful line of a Groq batch output file: `{"id": "batch_req_…", "custom_id": …,
 * "response": {"status_code": 200, "request_id": …, "body": <chat completion>}, "error": null}`.
 */
export interface BatchLineUsage {
  customId: string;
  /** `response.body.model`: the model that served the line, the one it is priced on. */
  model: string;
  /** From `response.body.usage`, as a synchronous chat completion reports it. */
  usage: Usage;
  /** `response.body.id` (`chatcmpl-…`). */
  responseId: string | undefined;
  /** `response.body.x_groq.id`, else `response.request_id`. */
  requestId: string | undefined;
}

/** What an output file holds, line by line. */
export interface BatchOutput {
  /** Lines answered with a 2xx and a usage: the billed ones. */
  succeeded: BatchLineUsage[];
  /** Lines Groq answered with an error (`status_code` ≥ 300, or an `error` object): not billed. */
  failed: number;
  /** Lines that are not JSON or lack a model or usage: counted, never priced as $0. */
  unreadable: number;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

type LineReading = { kind: 'succeeded'; line: BatchLineUsage } | { kind: 'failed' } | { kind: 'unreadable' };

function readLine(text: string): LineReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'unreadable' };
  }
  const line = objectOf(parsed);
  const response = objectOf(line?.response);
  const status = response?.status_code;
  if (line === undefined) return { kind: 'unreadable' };
  if (objectOf(line.error) !== undefined || (typeof status === 'number' && (status < 200 || status >= 300))) {
    return { kind: 'failed' };
  }
  const body = objectOf(response?.body);
  const model = stringOf(body?.model);
  const usage = readCompletionUsage(body?.usage);
  const customId = stringOf(line.custom_id);
  if (body === undefined || model === undefined || usage === undefined || customId === undefined) {
    return { kind: 'unreadable' };
  }
  return {
    kind: 'succeeded',
    line: {
      customId,
      model,
      usage,
      responseId: stringOf(body.id),
      requestId: stringOf(objectOf(body.x_groq)?.id) ?? stringOf(response?.request_id),
    },
  };
}

/**
 * Reads a batch output file (JSON Lines). Blank lines are skipped; every other line is either a
 * billed success, a failure Groq does not bill, or unreadable (counted so that it is visible).
 */
export function readBatchOutput(jsonl: string): BatchOutput {
  const output: BatchOutput = { succeeded: [], failed: 0, unreadable: 0 };
  for (const text of jsonl.split('\n')) {
    if (text.trim() === '') continue;
    const reading = readLine(text);
    if (reading.kind === 'succeeded') output.succeeded.push(reading.line);
    else output[reading.kind] += 1;
  }
  return output;
}
