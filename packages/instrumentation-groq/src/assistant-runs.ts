import {
  type AiProvider,
  definedOnly,
  field,
  numberField,
  readCompletionUsage,
  stringField,
} from '@groqmeter/recorder';
import { context } from '@opentelemetry/api';
import { type CallTelemetry, type ObserveMethod, providerOfClient } from './call-observer.js';
import type { ResourceLike } from './internal-types.js';
import { MeteredOnce, safelyMeter } from './metered-once.js';
import type { InstrumentedMethod } from './operations.js';
import { observeParsedResult, startOfRead } from './parsed-result-observer.js';
import { isStreamLike, listenedIterator, withObservedIterator } from './stream-observer.js';

/**
 * Run ids already metered. An Assistants run's `usage` is null until the run ends and then stays
 * on every later read of it (`poll` reads it until then, the user may retrieve it again).
 */
const METERED_RUNS = new MeteredOnce(10_000);

/** Seconds since the epoch (the run's `*_at` fields) in ms, or undefined. */
function timeOf(run: unknown, key: string): number | undefined {
  const seconds = numberField(run, key);
  return seconds === undefined ? undefined : seconds * 1000;
}

/** When the run ended, by the field of its terminal status. */
function endTimeOf(run: unknown): number | undefined {
  return (
    timeOf(run, 'completed_at') ??
    timeOf(run, 'failed_at') ??
    timeOf(run, 'cancelled_at') ??
    timeOf(run, 'expired_at') ??
    timeOf(run, 'incomplete_at')
  );
}

/**
 * Meter one run, once, when it has ended: OpenAI sets `usage` only then ("null if the run is not
 * in a terminal state"), and bills the tokens of every ended run, completed or not. One operation
 * `assistant` on the run's model, from its start to its end; threads, messages and the polling
 * itself bill nothing and are not recorded.
 */
export function meterRun(
  telemetry: CallTelemetry,
  run: unknown,
  provider: AiProvider,
  baseURL: string | undefined,
  parentContext = context.active(),
): void {
  const usage = readCompletionUsage(field(run, 'usage'));
  const id = stringField(run, 'id');
  if (usage === undefined || id === undefined || !METERED_RUNS.claim(id)) return;
  const model = stringField(run, 'model');
  const startTime = timeOf(run, 'started_at') ?? timeOf(run, 'created_at');
  const handle = telemetry.recorder.start(
    startOfRead(
      { telemetry, provider, baseURL },
      { operation: 'assistant', requestModel: model, startTime, parentContext },
    ),
  );
  const status = stringField(run, 'status');
  handle.end(
    definedOnly({
      responseId: id,
      responseModel: model,
      finishReasons: status === undefined ? undefined : [status],
      usage,
    }),
    endTimeOf(run),
  );
}

/** The stream events that carry an ended run (with its usage). */
const RUN_ENDED_EVENTS: ReadonlySet<string> = new Set([
  'thread.run.completed',
  'thread.run.incomplete',
  'thread.run.failed',
  'thread.run.cancelled',
  'thread.run.expired',
]);

/** A listener for a run's stream events (`{ event, data }`) that meters the run when it ends. */
function runEndListener(
  telemetry: CallTelemetry,
  provider: AiProvider,
  baseURL: string | undefined,
  parentContext = context.active(),
): (event: unknown) => void {
  return (event) => {
    if (!RUN_ENDED_EVENTS.has(stringField(event, 'event') ?? '')) return;
    safelyMeter(telemetry, () => meterRun(telemetry, field(event, 'data'), provider, baseURL, parentContext));
  };
}

/**
 * `runs.retrieve`, `runs.create`, `threads.createAndRun` (and so `poll`, `createAndPoll`,
 * `submitToolOutputsAndPoll`, `createAndRunPoll`, which call them): the SDK's own `APIPromise`,
 * observed with `_thenUnwrap` so the body is parsed only when the caller asks for it; the run is
 * metered when it comes back ended. A streamed one (`stream: true`) comes back as the SDK's
 * `Stream` of run events, handed back with its events also seen by the same listener as
 * `runs.stream`'s: `runs.stream` itself calls `runs.create` with `stream: true`, and the run id
 * meters each run once whichever sees its end first.
 */
const observeRunPromise = observeParsedResult(
  (run, { telemetry, provider, baseURL, client, callContext }) => {
    if (isStreamLike(run)) {
      const listen = runEndListener(telemetry, provider, baseURL, callContext);
      return withObservedIterator(run, client, (source) => listenedIterator(source, listen));
    }
    safelyMeter(telemetry, () => meterRun(telemetry, run, provider, baseURL, callContext));
    return run;
  },
);

/** The `AssistantStream` of `runs.stream` and its kin: an event emitter with `on(event, listener)`. */
interface AssistantStreamLike {
  on(event: 'event', listener: (event: unknown) => void): unknown;
}

function isAssistantStream(value: unknown): value is AssistantStreamLike {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'on') === 'function';
}

/**
 * `runs.stream`, `runs.createAndStream`, `runs.submitToolOutputsStream`,
 * `threads.createAndRunStream`: the same `AssistantStream`, with one more listener that meters the
 * run from its `thread.run.completed` (or other ending) event. Nothing is buffered or changed.
 */
const observeRunStream: ObserveMethod = (telemetry, original, resource, args) => {
  const stream = original.apply(resource, args);
  const baseURL = (resource as ResourceLike)._client?.baseURL;
  const provider = providerOfClient(telemetry, baseURL);
  if (provider === undefined || !isAssistantStream(stream)) return stream;
  const listen = runEndListener(telemetry, provider, baseURL);
  safelyMeter(telemetry, () => stream.on('event', listen));
  return stream;
};

const RUNS = { classPath: ['Beta', 'Threads', 'Runs'], instancePath: ['beta', 'threads', 'runs'] } as const;
const THREADS = { classPath: ['Beta', 'Threads'], instancePath: ['beta', 'threads'] } as const;

/** The Assistants API methods of the `openai` SDK through which a run's result arrives. */
export const ASSISTANT_RUN_METHODS: readonly InstrumentedMethod[] = [
  { ...RUNS, method: 'create', observe: observeRunPromise },
  { ...RUNS, method: 'retrieve', observe: observeRunPromise },
  { ...RUNS, method: 'submitToolOutputs', observe: observeRunPromise },
  { ...THREADS, method: 'createAndRun', observe: observeRunPromise },
  { ...RUNS, method: 'stream', observe: observeRunStream },
  { ...RUNS, method: 'createAndStream', observe: observeRunStream },
  { ...RUNS, method: 'submitToolOutputsStream', observe: observeRunStream },
  { ...THREADS, method: 'createAndRunStream', observe: observeRunStream },
];
