import {
  describeResponse,
  field,
  numberField,
  readResponseFacts,
  readResponsesRequestParameters,
  stringField,
} from '@groqmeter/recorder';
import type { Context } from '@opentelemetry/api';
import { describedCall, type ObserveMethod } from './call-observer.js';
import { MeteredOnce, safelyMeter } from './metered-once.js';
import type { InstrumentedMethod } from './operations.js';
import { observeParsedResult, type ParsedResultCall, startOfRead } from './parsed-result-observer.js';
import { isStreamLike, listenedIterator, withObservedIterator } from './stream-observer.js';

/** The statuses in which a background response has ended, its usage (when billed) set. */
const ENDED: ReadonlySet<string> = new Set(['completed', 'failed', 'incomplete', 'cancelled']);

/** Background responses already metered: every later read of an ended one returns it again. */
const METERED_RESPONSES = new MeteredOnce(10_000);

/**
 * The context of each background response's `create`, by id, until it is metered: its span is the
 * child of the call that asked for the work, and it carries that call's attribution, whichever
 * later call reads it ended. Bounded: the oldest go first (their responses are then attributed to
 * the call that reads them).
 */
class CreateContexts {
  private readonly byId = new Map<string, Context>();

  constructor(private readonly capacity: number) {}

  set(id: string, created: Context): void {
    this.byId.set(id, created);
    if (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value as string);
  }

  take(id: string): Context | undefined {
    const created = this.byId.get(id);
    this.byId.delete(id);
    return created;
  }
}

const CREATE_CONTEXTS = new CreateContexts(10_000);

/** Which read of a background response this is: the create's own answer, or a later one. */
type Read = 'create' | 'later';

/**
 * Meter a background response once, when a read of it shows it ended: one operation `chat`, as
 * `responses.create` records one, from its creation to now, with its usage (OpenAI sets it only
 * then); `stream` when that read was a stream. A response not made in the background is not
 * metered here: its `create` was.
 */
function meterEnded(response: unknown, call: ParsedResultCall, read: Read, stream: boolean): void {
  const id = stringField(response, 'id');
  if (
    id === undefined ||
    // A later read meters only what was made in the background; the create's own answer is
    // metered whenever it has ended (a server that ran it at once, ignoring `background`).
    (read === 'later' && field(response, 'background') !== true) ||
    !ENDED.has(stringField(response, 'status') ?? '') ||
    !METERED_RESPONSES.claim(id)
  ) {
    return;
  }
  const createdAt = numberField(response, 'created_at');
  const handle = call.telemetry.recorder.start(
    startOfRead(call, {
      operation: 'chat',
      requestModel: stringField(response, 'model'),
      request: readResponsesRequestParameters(response),
      stream,
      startTime: createdAt === undefined ? undefined : createdAt * 1000,
      parentContext: CREATE_CONTEXTS.take(id) ?? call.callContext,
    }),
  );
  handle.end(readResponseFacts(response));
}

/** The stream events that carry an ended response (with its usage). */
const ENDED_EVENTS: ReadonlySet<string> = new Set([
  'response.completed',
  'response.failed',
  'response.incomplete',
]);

/**
 * The response as parsed: metered if it has ended; a stream of its events (`stream: true`) is
 * handed back with each event also seen, the response metered from its ending event.
 */
function meterWhenEnded(parsed: unknown, call: ParsedResultCall, read: Read): unknown {
  if (!isStreamLike(parsed)) {
    safelyMeter(call.telemetry, () => meterEnded(parsed, call, read, false));
    return parsed;
  }
  const listen = (event: unknown): void => {
    if (!ENDED_EVENTS.has(stringField(event, 'type') ?? '')) return;
    safelyMeter(call.telemetry, () => meterEnded(field(event, 'response'), call, read, true));
  };
  return withObservedIterator(parsed, call.client, (source) => listenedIterator(source, listen));
}

/** `responses.retrieve` (streamed to resume, or not) and `responses.cancel`: metered if it has ended. */
const observeResponseRead = observeParsedResult((parsed, call) => meterWhenEnded(parsed, call, 'later'));

/**
 * A create that fails (after the SDK's retries) is recorded as failed, as any create is: seen on
 * a side branch of the response promise, so that the body is parsed only if the caller asks.
 */
function recordFailedCreate(call: ParsedResultCall): void {
  const { responsePromise } = call.promise as { responsePromise?: unknown };
  if (!(responsePromise instanceof Promise)) return;
  responsePromise.then(undefined, (error: unknown) =>
    safelyMeter(call.telemetry, () => {
      // The start a create that answered would have had: `describeResponse`'s, from its parameters.
      const { start } = describeResponse(call.args, call.telemetry.captureContent);
      call.telemetry.recorder
        .start(startOfRead(call, { ...start, parentContext: call.callContext }))
        .fail({ error });
    }),
  );
}

/**
 * A background create's answer: its context kept for the read that meters it, or metered if it
 * has ended already (a streamed one, from its ending event).
 */
const observeBackgroundCreate = observeParsedResult((parsed, call) => {
  const id = stringField(parsed, 'id');
  if (id !== undefined) CREATE_CONTEXTS.set(id, call.callContext);
  return meterWhenEnded(parsed, call, 'create');
}, recordFailedCreate);

const observeDescribedResponse = describedCall(describeResponse);

/**
 * `responses.create`. With `background: true` OpenAI answers at once with the response `queued`
 * and no usage (or streams it, a stream the caller may drop and resume with
 * `responses.retrieve(id, { stream: true })`); the work, and the bill, come later, read with
 * `responses.retrieve` (or `cancel`): the operation is recorded once, from the first read that
 * shows it ended, whichever it is (see {@link meterEnded}), not at the create as a call without
 * usage. Every other create is recorded as it answers.
 */
const observeResponseCreate: ObserveMethod = (telemetry, original, resource, args) =>
  (field(args[0], 'background') === true ? observeBackgroundCreate : observeDescribedResponse)(
    telemetry,
    original,
    resource,
    args,
  );

const RESPONSES = { classPath: ['Responses'], instancePath: ['responses'] } as const;

/** The Responses API methods of the `openai` SDK. */
export const RESPONSES_METHODS: readonly InstrumentedMethod[] = [
  { ...RESPONSES, method: 'create', observe: observeResponseCreate },
  { ...RESPONSES, method: 'retrieve', observe: observeResponseRead },
  { ...RESPONSES, method: 'cancel', observe: observeResponseRead },
];
