import {
  createAttemptScope,
  field,
  type OperationHandle,
  observeHttpAttempt,
  withRecordingSuppressed,
} from '@groqmeter/recorder';
import { context, trace } from '@opentelemetry/api';
import { GroqmeterCallbackHandler, runRegistryOf } from './callback-handler.js';
import type { RunRegistry } from './run-registry.js';
import type { GroqmeterCallbackHandlerOptions } from './types.js';

/** The parts of a `ChatGroq` instance `instrumentChatGroq` wraps (structural: no runtime import). */
export interface ChatGroqLike {
  /** ChatGroq's own groq-sdk client. */
  client: object;
  callbacks?: unknown;
  _generate(...args: unknown[]): Promise<unknown>;
  _streamResponseChunks(...args: unknown[]): AsyncGenerator<unknown>;
}

type Fetch = (url: unknown, init?: unknown) => Promise<Response>;

/**
 * The operation whose HTTP attempts are being made (the recorder's attempt scope: the OTel
 * context, else a storage created only when the app registered no context manager). A scope of its
 * own, not the recorder's active operation: a groq-sdk instrumentation underneath reports attempts
 * to an active operation, and the attempts of a run are reported once, here.
 */
const REQUEST_ATTEMPTS = createAttemptScope('groqmeter.langchain.attempts');

/** Marks a wrapped model, so that instrumenting it twice wraps it once. */
const INSTRUMENTED = Symbol.for('groqmeter.langchain.instrumented');

/** A run a groqmeter handler records, with its operation. */
interface RecordedRun {
  runs: RunRegistry;
  runId: string;
  handle: OperationHandle;
}

/**
 * The run of a request, from the groqmeter handler among the run's handlers
 * (`runManager.handlers`, wherever the handler was attached), if one records it.
 */
function recordedRun(runManager: unknown, stream: boolean): RecordedRun | undefined {
  const runId = field(runManager, 'runId');
  const handlers = field(runManager, 'handlers');
  if (typeof runId !== 'string' || !Array.isArray(handlers)) return undefined;
  for (const handler of handlers) {
    const runs = runRegistryOf(handler);
    const handle = runs?.operation(runId, stream);
    if (runs !== undefined && handle !== undefined) return { runs, runId, handle };
  }
  return undefined;
}

/**
 * Run a run's request: under the operation's span (HTTP spans nest there), with the operation as
 * the sink of {@link REQUEST_ATTEMPTS} for the fetch hook, and with groqmeter recording
 * suppressed, so that a groq-sdk instrumentation underneath records nothing. The operation is
 * deliberately not marked active: its attempts are reported here, once. groq-sdk starts the
 * request and its retries as continuations of this call, so every attempt runs in the context
 * entered here.
 */
function runInRequestScope<T>(handle: OperationHandle, fn: () => T): T {
  const active = context.active();
  const span = trace.getSpan(handle.context);
  const base = span === undefined ? active : trace.setSpan(active, span);
  return REQUEST_ATTEMPTS.run(withRecordingSuppressed(REQUEST_ATTEMPTS.bind(base, handle)), fn);
}

/**
 * An async generator whose first step, which makes the request, runs in the request scope of
 * `run`; the later ones only read the response and are passed straight through (no extra promise
 * per chunk). A consumer that leaves early (`break`) returns it, which LangChain reports to no
 * callback: the run is abandoned here.
 */
function generatorInRequestScope<T>(source: AsyncGenerator<T>, run: RecordedRun): AsyncGenerator<T> {
  let started = false;
  const generator: AsyncGenerator<T> = {
    next: (...args) => {
      if (started) return source.next(...args);
      started = true;
      return runInRequestScope(run.handle, () => source.next(...args));
    },
    return: (value) => {
      run.runs.abandon(run.runId);
      return source.return(value);
    },
    throw: (error) => source.throw(error),
    [Symbol.asyncIterator]: () => generator,
  };
  return generator;
}

/** groq-sdk's `fetch`, reporting the status and headers of every attempt of an instrumented run. */
function reportingFetch(fetch: Fetch): Fetch {
  return (url, init) => {
    const sink = REQUEST_ATTEMPTS.current();
    const send = () => fetch.call(undefined, url, init);
    return sink === undefined ? send() : observeHttpAttempt(sink, send);
  };
}

function attachHandler(model: ChatGroqLike, handler: GroqmeterCallbackHandler): void {
  const callbacks = model.callbacks;
  if (callbacks === undefined) model.callbacks = [handler];
  else if (Array.isArray(callbacks)) {
    if (!callbacks.includes(handler)) callbacks.push(handler);
  } else if (typeof field(callbacks, 'addHandler') === 'function') {
    (callbacks as { addHandler(handler: unknown): void }).addHandler(handler);
  }
}

/**
 * Instrument one `ChatGroq` model fully: attach a {@link GroqmeterCallbackHandler} (the one given,
 * or a new one from the options) and wrap the model's request path so that
 * - every HTTP attempt is seen: rate-limit headers of successful calls
 *   (`groq_ratelimit_limit`/`_remaining`/`_reset_seconds`) and every 429 LangChain retries
 *   (`groq_ratelimit_hits_total`, `groq_retry_after_seconds`, `groq.retries` on the span);
 * - the groq-sdk call ChatGroq makes runs with groqmeter recording suppressed, so
 *   `@groqmeter/instrumentation-groq` does not count the same request again (the handler wins);
 * - HTTP client spans nest under the operation's span.
 *
 * Without it, a handler still records usage, cost, duration, time to first token, server timings
 * and the final error with its status and headers. Returns the same model.
 *
 * @example
 * const model = instrumentChatGroq(new ChatGroq({ model: 'llama-3.3-70b-versatile' }));
 */
export function instrumentChatGroq<M extends ChatGroqLike>(
  model: M,
  handlerOrOptions: GroqmeterCallbackHandler | GroqmeterCallbackHandlerOptions = {},
): M {
  const handler =
    handlerOrOptions instanceof GroqmeterCallbackHandler
      ? handlerOrOptions
      : new GroqmeterCallbackHandler(handlerOrOptions);
  attachHandler(model, handler);
  if (Reflect.get(model, INSTRUMENTED) === true) return model;
  Object.defineProperty(model, INSTRUMENTED, { value: true });

  const generate = model._generate;
  model._generate = function (this: ChatGroqLike, ...args: unknown[]) {
    const run = recordedRun(args[2], field(this, 'streaming') === true);
    return run === undefined
      ? generate.apply(this, args)
      : runInRequestScope(run.handle, () => generate.apply(this, args));
  };
  const streamResponseChunks = model._streamResponseChunks;
  model._streamResponseChunks = function (this: ChatGroqLike, ...args: unknown[]) {
    const run = recordedRun(args[2], true);
    const chunks = streamResponseChunks.apply(this, args);
    return run === undefined ? chunks : generatorInRequestScope(chunks, run);
  };
  // groq-sdk keeps the fetch it was given (ChatGroq's `fetch` option, else the global one).
  const fetch = Reflect.get(model.client, 'fetch');
  if (typeof fetch === 'function') Reflect.set(model.client, 'fetch', reportingFetch(fetch as Fetch));
  return model;
}
