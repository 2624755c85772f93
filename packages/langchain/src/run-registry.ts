import type { OperationHandle, OperationResult, OperationStart, Recorder } from '@groqmeter/recorder';
import { type Context, context } from '@opentelemetry/api';
import { isAbortError } from './abort.js';
import { now } from './clock.js';

/**
 * Runs a handler waits for at most. LangChain never ends a run whose stream the caller left with
 * `break` (no end, no error callback); past this many pending runs the oldest is taken as
 * abandoned, so a long-lived handler cannot grow without bound.
 */
export const MAX_PENDING_RUNS = 10_000;

/** What a handler keeps about a run between its callbacks. */
interface Run {
  start: Omit<OperationStart, 'stream' | 'startTime' | 'parentContext'>;
  startTime: number;
  parentContext: Context;
  /** ChatGroq's `streaming` option, the best guess until the run shows whether it streams. */
  streamingOption: boolean;
  /** The last streamed chunk seen: a handler attached twice to one run hears each token twice. */
  lastChunk?: unknown;
  lastChunkAt?: number;
  handle?: OperationHandle;
  stopListening?: () => void;
}

/**
 * Runs claimed by a groqmeter handler. A run reaches every handler attached to it (per model,
 * per call, global), and only the first groqmeter handler records it, so one request is never
 * counted twice by two handlers.
 */
const claimedRunIds = new Set<string>();

function isAbortSignal(value: unknown): value is AbortSignal {
  return typeof AbortSignal !== 'undefined' && value instanceof AbortSignal;
}

/**
 * The in-flight ChatGroq runs of one handler, keyed by LangChain run id. The operation of a run is
 * started lazily, at the first moment something needs it (the request itself when
 * `instrumentChatGroq` is used, else the first token or the end), with the start time and parent
 * context captured when the run started: by then it is known whether the run streams, which
 * `.stream()` does not say up front.
 */
export class RunRegistry {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly recorder: () => Recorder,
    private readonly maxPendingRuns = MAX_PENDING_RUNS,
  ) {}

  /** A run starts; its call's `signal`, when it fires, abandons it (LangChain may never end it). */
  begin(runId: string, start: Run['start'], streamingOption: boolean, signal: unknown): void {
    if (claimedRunIds.has(runId)) return;
    claimedRunIds.add(runId);
    const run: Run = { start, startTime: now(), parentContext: context.active(), streamingOption };
    this.runs.set(runId, run);
    if (isAbortSignal(signal)) {
      const onAbort = (): void => this.abandon(runId);
      signal.addEventListener('abort', onAbort, { once: true });
      run.stopListening = () => signal.removeEventListener('abort', onAbort);
    }
    if (this.runs.size > this.maxPendingRuns) this.evictOldest();
  }

  /** The operation of a run this handler records, started now if it was not yet. */
  operation(runId: string, stream?: boolean): OperationHandle | undefined {
    const run = this.runs.get(runId);
    if (run === undefined) return undefined;
    run.handle ??= this.recorder().start({
      ...run.start,
      stream: stream ?? run.streamingOption,
      startTime: run.startTime,
      parentContext: run.parentContext,
    });
    return run.handle;
  }

  /** A streamed chunk; `carriesOutput` when it has text or a tool-call delta (not the role-only first chunk). */
  chunk(runId: string, chunk: unknown, carriesOutput: boolean): void {
    const run = this.runs.get(runId);
    if (run === undefined || (chunk !== undefined && chunk === run.lastChunk)) return;
    run.lastChunk = chunk;
    run.lastChunkAt = now();
    const handle = this.operation(runId, true);
    if (carriesOutput) handle?.chunk(run.lastChunkAt);
  }

  /** The run succeeded; `resultOf` reads the facts, and only for runs this handler records. */
  end(runId: string, resultOf: () => OperationResult): void {
    const handle = this.operation(runId);
    if (handle === undefined) return;
    handle.end(resultOf());
    this.forget(runId);
  }

  fail(runId: string, error: unknown): void {
    if (isAbortError(error)) {
      this.abandon(runId);
      return;
    }
    this.operation(runId)?.fail({ error });
    this.forget(runId);
  }

  /** The caller stopped the run (abort, or left its stream) before a result arrived. */
  abandon(runId: string, time?: number): void {
    this.operation(runId)?.abandon(time);
    this.forget(runId);
  }

  /** The caller most likely left the oldest run's stream: it ended when its last chunk came. */
  private evictOldest(): void {
    const [runId, run] = this.runs.entries().next().value ?? [];
    if (runId !== undefined && run !== undefined) this.abandon(runId, run.lastChunkAt ?? run.startTime);
  }

  private forget(runId: string): void {
    const run = this.runs.get(runId);
    if (run === undefined) return;
    run.stopListening?.();
    this.runs.delete(runId);
    claimedRunIds.delete(runId);
  }
}
