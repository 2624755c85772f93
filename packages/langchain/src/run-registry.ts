import type { OperationHandle, OperationResult, OperationStart, Recorder } from '@groqmeter/recorder';
import { context } from '@opentelemetry/api';
import { isAbortError } from './abort.js';
import { now } from './clock.js';

/**
 * Runs a handler waits for at most. LangChain never ends a run whose stream the caller left with
 * `break` (no end, no error callback); past this many pending runs the oldest is taken as
 * abandoned, so a long-lived handler cannot grow without bound.
 */
export const MAX_PENDING_RUNS = 10_000;

/** The facts of a run's start that the handler reads from LangChain's callback. */
export type RunStart = Omit<OperationStart, 'stream' | 'startTime' | 'parentContext'>;

/** What a handler keeps about a run between its callbacks. */
interface Run {
  readonly runId: string;
  /**
   * The operation's start, complete but for `stream`, which holds ChatGroq's `streaming` option
   * (the best guess until the run shows whether it streams) and is settled when it starts.
   */
  readonly start: OperationStart;
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
 * `.stream()` does not say up front. Each callback looks its run up once.
 */
export class RunRegistry {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly recorder: () => Recorder,
    private readonly maxPendingRuns = MAX_PENDING_RUNS,
  ) {}

  /** A run starts; its call's `signal`, when it fires, abandons it (LangChain may never end it). */
  begin(runId: string, start: RunStart, streamingOption: boolean, signal: unknown): void {
    if (claimedRunIds.has(runId)) return;
    claimedRunIds.add(runId);
    // Copied with Object.assign and plain stores, not an object spread: spreading the start (built
    // by keyed stores) takes V8's slow clone path, ~6 µs per run on Node 20. Same keys, same order.
    const operationStart = Object.assign({}, start) as OperationStart;
    operationStart.stream = streamingOption;
    operationStart.startTime = now();
    operationStart.parentContext = context.active();
    const run: Run = { runId, start: operationStart };
    this.runs.set(runId, run);
    if (isAbortSignal(signal)) {
      const onAbort = (): void => this.abandonRun(run);
      signal.addEventListener('abort', onAbort, { once: true });
      run.stopListening = () => signal.removeEventListener('abort', onAbort);
    }
    if (this.runs.size > this.maxPendingRuns) this.evictOldest();
  }

  /** The operation of a run this handler records, started now if it was not yet. */
  operation(runId: string, stream?: boolean): OperationHandle | undefined {
    const run = this.runs.get(runId);
    return run === undefined ? undefined : this.handleOf(run, stream);
  }

  /** A streamed chunk; `carriesOutput` when it has text or a tool-call delta (not the role-only first chunk). */
  chunk(runId: string, chunk: unknown, carriesOutput: boolean): void {
    const run = this.runs.get(runId);
    if (run === undefined || (chunk !== undefined && chunk === run.lastChunk)) return;
    run.lastChunk = chunk;
    const time = now();
    run.lastChunkAt = time;
    const handle = this.handleOf(run, true);
    if (carriesOutput) handle.chunk(time);
  }

  /** The run succeeded; `resultOf` reads the facts, and only for runs this handler records. */
  end(runId: string, resultOf: () => OperationResult): void {
    const run = this.runs.get(runId);
    if (run === undefined) return;
    this.handleOf(run).end(resultOf());
    this.forget(run);
  }

  fail(runId: string, error: unknown): void {
    const run = this.runs.get(runId);
    if (run === undefined) return;
    if (isAbortError(error)) {
      this.abandonRun(run);
      return;
    }
    this.handleOf(run).fail({ error });
    this.forget(run);
  }

  /** The caller stopped the run (abort, or left its stream) before a result arrived. */
  abandon(runId: string, time?: number): void {
    const run = this.runs.get(runId);
    if (run !== undefined) this.abandonRun(run, time);
  }

  private handleOf(run: Run, stream?: boolean): OperationHandle {
    if (run.handle === undefined) {
      if (stream !== undefined) run.start.stream = stream;
      run.handle = this.recorder().start(run.start);
    }
    return run.handle;
  }

  private abandonRun(run: Run, time?: number): void {
    this.handleOf(run).abandon(time);
    this.forget(run);
  }

  /** The caller most likely left the oldest run's stream: it ended when its last chunk came. */
  private evictOldest(): void {
    const run: Run | undefined = this.runs.values().next().value;
    if (run !== undefined) this.abandonRun(run, run.lastChunkAt ?? run.start.startTime);
  }

  private forget(run: Run): void {
    run.stopListening?.();
    this.runs.delete(run.runId);
    claimedRunIds.delete(run.runId);
  }
}
