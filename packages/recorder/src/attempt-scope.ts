import { AsyncLocalStorage } from 'node:async_hooks';
import { type Context, context as contextApi, createContextKey } from '@opentelemetry/api';
import { ACTIVE_OPERATION_KEY } from './suppression.js';
import type { OperationHandle } from './types.js';

/** Where the HTTP attempts of one call are reported: an operation, or an adapter's own receiver. */
export type AttemptSink = Pick<OperationHandle, 'attempt'>;

/**
 * Carries "the HTTP attempts made by this call are reported to this sink" from the SDK call an
 * adapter wraps down to its fetch hook, which finds the sink of the attempt it is making. Each
 * scope has its own OTel context key, so the attempts of one call are reported once, to the
 * scope that asks; concurrent calls never mix.
 *
 * The OTel context carries the sink when a context manager is registered. Without one the context
 * does not even reach `fn`; then, and only then, the scope creates an `AsyncLocalStorage` of its
 * own to carry it. Every enabled `AsyncLocalStorage` costs each promise of the process (about 70
 * to 90 ns per promise hop in a process that already runs the OTel one), so an app with a context
 * manager never pays for a second one.
 *
 * Known limitation: whether the context manager carries the context is seen synchronously, inside
 * `context.with`. A context manager that propagates the context only synchronously (no async
 * continuations) passes that check, and attempts made after the first `await` of the call find
 * no sink: they go unreported (the call itself is unchanged).
 */
export interface AttemptScope {
  /**
   * Run `fn` in `context` (one that carries a sink of this scope) so that each HTTP attempt it
   * makes, synchronously or as a continuation (retries included), finds that sink with
   * {@link AttemptScope.current}. Returns what `fn` returns; its throws pass through.
   */
  run<T>(context: Context, fn: () => T): T;
  /** The sink of the attempt being made now: the one of the innermost enclosing `run`, if any. */
  current(): AttemptSink | undefined;
  /**
   * Whether the current code runs inside {@link AttemptScope.run} of this scope carried by the
   * fallback storage (no context manager), with or without a sink: how an adapter tells a nested
   * SDK call, to pass it through, when the context cannot. With a context manager the context
   * tells (for {@link ACTIVE_OPERATION_ATTEMPTS}, `isRecordingSuppressed` already does), and this
   * is `false`; asking the context here too would cost each call another lookup.
   */
  isInsideFallbackRun(): boolean;
}

/** An {@link AttemptScope} of an adapter's own, which puts its sinks in contexts itself. */
export interface BindableAttemptScope extends AttemptScope {
  /** `context` with `sink` as the receiver of the attempts made in it, for {@link AttemptScope.run}. */
  bind(context: Context, sink: AttemptSink): Context;
}

class ContextAttemptScope implements BindableAttemptScope {
  /**
   * The contexts of the runs, only for apps whose OTel context does not follow async work. The
   * context rather than its sink, so that a run whose context carries none (an operation the
   * recorder could not start) still counts for {@link AttemptScope.isInsideFallbackRun}.
   */
  private fallback: AsyncLocalStorage<Context> | undefined;

  constructor(private readonly key: symbol) {}

  bind(context: Context, sink: AttemptSink): Context {
    return context.setValue(this.key, sink);
  }

  run<T>(context: Context, fn: () => T): T {
    return contextApi.with(context, () => {
      if (contextApi.active() === context) return fn();
      this.fallback ??= new AsyncLocalStorage();
      return this.fallback.run(context, fn);
    });
  }

  current(): AttemptSink | undefined {
    const sink = contextApi.active().getValue(this.key) ?? this.fallback?.getStore()?.getValue(this.key);
    return sink as AttemptSink | undefined;
  }

  isInsideFallbackRun(): boolean {
    return this.fallback?.getStore() !== undefined;
  }
}

/**
 * A new {@link BindableAttemptScope} with its own context key, named `name` (`Symbol.for(name)`: one
 * per name in the process, shared by every copy of this package). Make one per adapter, at module
 * level: its fallback storage, once created, lives as long as the scope.
 *
 * @example
 * const ATTEMPTS = createAttemptScope('my-adapter.attempts');
 * // around the SDK call:
 * ATTEMPTS.run(ATTEMPTS.bind(handle.context, handle), () => sdk.create(params));
 * // in the fetch hook:
 * const sink = ATTEMPTS.current();
 * return sink === undefined ? send() : observeHttpAttempt(sink, send);
 */
export function createAttemptScope(name: string): BindableAttemptScope {
  return new ContextAttemptScope(createContextKey(name));
}

/**
 * The scope of the recorded operation active in the context (the one `getActiveOperation` reads):
 * an operation's `handle.context` already carries the operation as its sink, so
 * `ACTIVE_OPERATION_ATTEMPTS.run(handle.context, fn)` reports the attempts of `fn` to it, and a
 * fetch hook under the operation of another adapter (whose SDK call is suppressed) reports there.
 * Only the recorder puts operations in it (`withActiveOperation`), hence no `bind`.
 */
export const ACTIVE_OPERATION_ATTEMPTS: AttemptScope = new ContextAttemptScope(ACTIVE_OPERATION_KEY);
