import type { StreamFacts } from './stream-facts.js';
import type { OperationResult, OperationStart } from './types.js';

/** The start facts an operation description provides; the observer adds source, server and context. */
export type StartFacts = Omit<
  OperationStart,
  'source' | 'serverAddress' | 'serverPort' | 'attributes' | 'parentContext' | 'startTime'
>;

/** How one SDK call is turned into operation facts. */
export interface CallDescription {
  start: StartFacts;
  /**
   * The result facts from the parsed response body. `body` is the SDK's parsed value (JSON, text,
   * or the raw `Response` of a binary endpoint such as speech).
   */
  result(body: unknown): OperationResult | Promise<OperationResult>;
  /** Present when the call streams: collects the facts of its chunks. */
  streamFacts?: StreamFacts;
  /**
   * Whether the result needs the response body. When the user takes the raw `Response` with
   * `.asResponse()`, a body-reading result is fed from a clone of the body (the user's copy stays
   * unread); a binary endpoint's result is computed from the request alone.
   */
  resultNeedsBody: boolean;
}

/** Describe a call from its arguments; `captureContent` says whether message content is wanted. */
export type DescribeCall = (args: readonly unknown[], captureContent: boolean) => CallDescription;
