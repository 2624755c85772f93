import type { OperationResult } from '@groqmeter/recorder';
import { readCompletionUsage } from './completion-usage.js';
import { definedOnly, field, stringField } from './unknown-fields.js';

/** The Groq-only facts of a response the AI SDK passes on untouched. */
export type GroqBodyFacts = Pick<OperationResult, 'groqRequestId' | 'serverTiming' | 'serviceTier' | 'usage'>;

/**
 * What Groq's raw JSON carries beyond the AI SDK's normalised result: `x_groq.id`, `service_tier`,
 * the server timings of `usage` (the AI SDK's `usage.raw` is schema-parsed and drops the `*_time`
 * fields) and Groq's own token counts (older `@ai-sdk/groq` versions drop reasoning or cached
 * tokens). Reads a whole completion (`response.body` of `doGenerate`) or one stream chunk (a `raw`
 * part); usage comes from `usage` or, in streams, `x_groq.usage`, never both added.
 */
export function groqBodyFacts(body: unknown): GroqBodyFacts {
  const xGroq = field(body, 'x_groq');
  const usage = readCompletionUsage(field(body, 'usage')) ?? readCompletionUsage(field(xGroq, 'usage'));
  return definedOnly({
    groqRequestId: stringField(xGroq, 'id'),
    serviceTier: stringField(body, 'service_tier'),
    serverTiming: usage?.serverTiming,
    usage: usage?.usage,
  });
}
