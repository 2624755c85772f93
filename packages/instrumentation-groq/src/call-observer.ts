import {
  ACTIVE_OPERATION_ATTEMPTS,
  type AiProvider,
  type DescribeCall,
  DROPPED_REASON_VALUE_RECORDER_ERROR,
  isRecordingSuppressed,
  type OperationSource,
  type OperationStart,
  type Recorder,
} from '@groqmeter/recorder';
import { diag } from '@opentelemetry/api';
import { isApiPromise, observeApiPromise } from './api-promise-observer.js';
import type { ResourceLike, ResourceMethod } from './internal-types.js';
import { ObservedCall } from './observed-call.js';
import { serverAddressOf } from './server-address.js';

/** Where observed calls are recorded. */
export interface CallTelemetry {
  readonly recorder: Recorder;
  /** Whether message content is captured (then the description extracts it). */
  readonly captureContent: boolean;
  /** The SDK the calls come from (`groqmeter.source`). */
  readonly source: OperationSource;
  /** The provider a client with this base URL calls (`undefined`: not recorded). */
  providerOf(baseURL: string | undefined): AiProvider | undefined;
}

/**
 * How one call of an instrumented method is observed: by default described and recorded as one
 * operation ({@link describedCall}); Assistants runs are metered only once a run has finished.
 * Returns what the SDK method returned, unchanged.
 */
export type ObserveMethod = (
  telemetry: CallTelemetry,
  original: ResourceMethod,
  resource: unknown,
  args: unknown[],
) => unknown;

/** Every call of the method is one operation, described by `describe`. */
export function describedCall(describe: DescribeCall): ObserveMethod {
  return (telemetry, original, resource, args) => observeCall(telemetry, describe, original, resource, args);
}

/**
 * Run one resource method call (`chat.completions.create(...)` etc.) and record it. The call
 * itself is never changed: errors reach the caller as the same object and the SDK's own
 * `APIPromise` is returned. When recording is suppressed (another adapter, such as the LangChain
 * handler, records this request) or setting up the recording fails, the original method runs
 * untouched and nothing is recorded here.
 */
export function observeCall(
  telemetry: CallTelemetry,
  describe: DescribeCall,
  original: ResourceMethod,
  resource: unknown,
  args: unknown[],
): unknown {
  // A suppressed call (another adapter, such as the LangChain handler, records this request, or
  // this is an SDK call made inside an observed one) still shows its HTTP attempts, which only
  // this fetch-level view sees, to the operation active in the context: the fetch hook finds it
  // there. Nothing else is added: the result is the SDK's own. Without a context manager only the
  // attempt scope's fallback storage knows that an observed call is under way.
  if (ACTIVE_OPERATION_ATTEMPTS.isInsideFallbackRun() || isSuppressed())
    return original.apply(resource, args);
  const client = (resource as ResourceLike)._client;
  const provider = providerOfClient(telemetry, client?.baseURL);
  if (provider === undefined) return original.apply(resource, args);
  let call: ObservedCall;
  try {
    const { recorder } = telemetry;
    const description = describe(args, telemetry.captureContent);
    // The keys, in their order, of `{ ...description.start, source, provider, ...address }`, built
    // with stores: that literal was the top line of this package's profile (a spread of the
    // description's object costs 1.5 to 2 µs, Object.assign and stores under 0.3 µs).
    const start: OperationStart = Object.assign({}, description.start) as OperationStart;
    start.source = telemetry.source;
    start.provider = provider;
    const { serverAddress, serverPort } = serverAddressOf(client?.baseURL);
    if (serverAddress !== undefined) start.serverAddress = serverAddress;
    if (serverPort !== undefined) start.serverPort = serverPort;
    const handle = recorder.start(start);
    call = new ObservedCall(recorder, handle, description);
  } catch (error) {
    reportSetupFailure(telemetry, error);
    return original.apply(resource, args);
  }

  let result: unknown;
  try {
    // groq-sdk and openai start the request synchronously inside `create()` and run its retries as
    // continuations of it: every attempt of this call finds its operation in the scope entered
    // here (carried by the OTel context, else by the scope's fallback storage), and concurrent
    // calls on one client never mix.
    result = ACTIVE_OPERATION_ATTEMPTS.run(call.handle.context, () => original.apply(resource, args));
  } catch (error) {
    call.fail(error);
    throw error;
  }
  if (!isApiPromise(result)) {
    call.finish(() => ({}));
    return result;
  }
  try {
    return observeApiPromise(result, call, client);
  } catch (error) {
    reportSetupFailure(telemetry, error);
    call.abandon();
    return result;
  }
}

/** Who a client's calls go to; `undefined` (not recorded) when the scope cannot tell. */
export function providerOfClient(
  telemetry: CallTelemetry,
  baseURL: string | undefined,
): AiProvider | undefined {
  try {
    return telemetry.providerOf(baseURL);
  } catch {
    return undefined;
  }
}

function isSuppressed(): boolean {
  try {
    return isRecordingSuppressed();
  } catch {
    return true;
  }
}

export function reportSetupFailure(telemetry: CallTelemetry, error: unknown): void {
  diag.debug(
    '@groqmeter/instrumentation-groq: recording a Groq call failed; the call runs unrecorded',
    error,
  );
  try {
    telemetry.recorder.dropped(DROPPED_REASON_VALUE_RECORDER_ERROR);
  } catch {
    // No recorder to count it in; the call goes on regardless.
  }
}
