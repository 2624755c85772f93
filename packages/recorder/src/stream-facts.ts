import type { OperationResult } from './types.js';

/**
 * Collects the facts of a streamed response chunk by chunk (each chunk's parsed JSON), keeping
 * none of the chunks. Adapters feed it what their SDK yields; the proxy feeds it each SSE frame.
 */
export interface StreamFacts {
  /** Take one chunk's facts; true when it carries output (times the first and following chunks). */
  observe(chunk: unknown): boolean;
  /** Whether the chunk with the usage has arrived. */
  readonly hasUsage: boolean;
  /** The result facts observed so far. */
  result(): OperationResult;
}
