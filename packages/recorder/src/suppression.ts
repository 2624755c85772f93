import { type Context, context as contextApi, createContextKey } from '@opentelemetry/api';
import type { OperationHandle } from './types.js';

// Symbol.for keys (via createContextKey): shared by every copy of this package in the process, so
// an adapter bundling its own copy still sees the marks of the others.
const SUPPRESSED_KEY = createContextKey('groqmeter.recording_suppressed');
/** The recorder's active operation (also the key of `ACTIVE_OPERATION_ATTEMPTS`). */
export const ACTIVE_OPERATION_KEY = createContextKey('groqmeter.active_operation');

/**
 * Run `fn` with groqmeter recording suppressed: operations started inside are not recorded by any
 * adapter. The LangChain handler uses it around the groq-sdk call of its own ChatGroq run, so the
 * groq-sdk instrumentation underneath does not count the same request a second time.
 */
export function runWithRecordingSuppressed<T>(fn: () => T): T {
  return contextApi.with(withRecordingSuppressed(contextApi.active()), fn);
}

/**
 * `context` marked as {@link runWithRecordingSuppressed} marks it, for an adapter that enters a
 * context it builds anyway (one `context.with` instead of two).
 */
export function withRecordingSuppressed(context: Context): Context {
  return context.setValue(SUPPRESSED_KEY, true);
}

/**
 * Whether an operation started in this context (default: the active one) must not be recorded.
 * The one de-duplication rule of groqmeter: recording is suppressed when
 * {@link runWithRecordingSuppressed} marked the context, or when a recorded groqmeter operation
 * is already active in it (its `handle.context` is, or is an ancestor of, this context). The
 * outermost operation wins: a LangChain ChatGroq run records the request, the groq-sdk call it
 * makes does not. The recorder applies this rule itself in `start`; adapters may call it first
 * to skip their own work.
 */
export function isRecordingSuppressed(context: Context = contextApi.active()): boolean {
  return context.getValue(SUPPRESSED_KEY) === true || context.getValue(ACTIVE_OPERATION_KEY) !== undefined;
}

/**
 * The recorded operation active in a context (default: the active one), if any. A fetch wrapper
 * running under `handle.context` uses it to report each HTTP attempt:
 * `getActiveOperation()?.attempt({ status, headers })`.
 */
export function getActiveOperation(context: Context = contextApi.active()): OperationHandle | undefined {
  const value = context.getValue(ACTIVE_OPERATION_KEY);
  return value === undefined ? undefined : (value as OperationHandle);
}

/** The context of a recorded operation: marks it active for {@link isRecordingSuppressed}. */
export function withActiveOperation(context: Context, operation: OperationHandle): Context {
  return context.setValue(ACTIVE_OPERATION_KEY, operation);
}
