import { setTimeout as sleep } from 'node:timers/promises';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTIVE_OPERATION_ATTEMPTS, type AttemptSink, createAttemptScope } from './attempt-scope.js';
import { observeHttpAttempt } from './http-attempt.js';
import { getActiveOperation, isRecordingSuppressed, withActiveOperation } from './suppression.js';
import { installAsyncContext } from './testing/async-context.js';
import type { AttemptFacts, OperationHandle } from './types.js';

/** How many `AsyncLocalStorage`s this package's modules created (the context manager's are not). */
const storages = vi.hoisted(() => ({ created: 0 }));

vi.mock('node:async_hooks', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:async_hooks')>();
  class CountedAsyncLocalStorage<T> extends original.AsyncLocalStorage<T> {
    constructor() {
      super();
      storages.created += 1;
    }
  }
  return { ...original, AsyncLocalStorage: CountedAsyncLocalStorage };
});

let undoContext: (() => void) | undefined;

function withContextManager(on: boolean): void {
  undoContext?.();
  undoContext = on ? installAsyncContext() : undefined;
}

afterEach(() => {
  undoContext?.();
  undoContext = undefined;
});

/** A sink that keeps the statuses of the attempts reported to it. */
function statusSink(): AttemptSink & { statuses: (number | undefined)[] } {
  const statuses: (number | undefined)[] = [];
  return { statuses, attempt: (facts: AttemptFacts) => statuses.push(facts.status) };
}

/**
 * A stand-in for an SDK call with retries: each attempt goes through `fetchHook` after async work
 * (a timer, as a backoff would), answering 429 `limited` times before a 200.
 */
async function callWithRetries(
  fetchHook: (send: () => Promise<Response>) => Promise<Response>,
  limited: number,
) {
  for (let attempt = 0; ; attempt += 1) {
    await sleep(1 + (attempt % 2));
    const status = attempt < limited ? 429 : 200;
    const response = await fetchHook(async () => new Response(null, { status }));
    if (response.status !== 429) return response;
  }
}

describe.each([
  ['with a context manager', true],
  ['without a context manager', false],
])('an attempt scope, %s', (_name, contextManager) => {
  it('reports every attempt of concurrent calls (retries, 429s) to its own call', async () => {
    withContextManager(contextManager);
    const scope = createAttemptScope(`test.concurrent.${contextManager}`);
    const fetchHook = (send: () => Promise<Response>) => {
      const sink = scope.current();
      return sink === undefined ? send() : observeHttpAttempt(sink, send);
    };
    const sinks = [0, 1, 2, 0, 3].map(() => statusSink());
    await Promise.all(
      sinks.map((sink, index) =>
        scope.run(scope.bind(context.active(), sink), () =>
          callWithRetries(fetchHook, [0, 1, 2, 0, 3][index]!),
        ),
      ),
    );
    expect(sinks.map((sink) => sink.statuses)).toEqual([
      [200],
      [429, 200],
      [429, 429, 200],
      [200],
      [429, 429, 429, 200],
    ]);
    expect(scope.current()).toBeUndefined();
  });

  it('hands the innermost run its attempts and tells whether code runs inside a fallback run', async () => {
    withContextManager(contextManager);
    const scope = createAttemptScope(`test.nested.${contextManager}`);
    const outer = statusSink();
    const inner = statusSink();
    const seen: [AttemptSink | undefined, boolean][] = [];
    const look = () => seen.push([scope.current(), scope.isInsideFallbackRun()]);
    look();
    await scope.run(scope.bind(context.active(), outer), async () => {
      await sleep(1);
      look();
      await scope.run(scope.bind(context.active(), inner), async () => {
        await sleep(1);
        look();
      });
      look();
    });
    look();
    expect(seen).toEqual([
      [undefined, false],
      [outer, !contextManager],
      [inner, !contextManager],
      [outer, !contextManager],
      [undefined, false],
    ]);
  });

  it('keeps the sinks of two scopes apart', () => {
    withContextManager(contextManager);
    const first = createAttemptScope(`test.first.${contextManager}`);
    const second = createAttemptScope(`test.second.${contextManager}`);
    const sink = statusSink();
    first.run(first.bind(context.active(), sink), () => {
      expect([first.current(), second.current(), second.isInsideFallbackRun()]).toEqual([
        sink,
        undefined,
        false,
      ]);
    });
  });

  it("reports to the active operation through an operation's context", async () => {
    withContextManager(contextManager);
    const operation = { ...statusSink(), context: ROOT_CONTEXT } as unknown as OperationHandle & {
      statuses: number[];
    };
    const operationContext = withActiveOperation(ROOT_CONTEXT, operation);
    await ACTIVE_OPERATION_ATTEMPTS.run(operationContext, async () => {
      await sleep(1);
      const sink = ACTIVE_OPERATION_ATTEMPTS.current();
      expect(sink).toBe(operation);
      await observeHttpAttempt(sink!, async () => new Response(null, { status: 429 }));
      // Only the context says whether recording is suppressed: without a context manager it cannot.
      expect([getActiveOperation() === operation, isRecordingSuppressed()]).toEqual([
        contextManager,
        contextManager,
      ]);
    });
    expect(operation.statuses).toEqual([429]);
  });
});

describe("an attempt scope's fallback storage", () => {
  it('is created only when a call runs without a context manager, once per scope', () => {
    withContextManager(true);
    const before = storages.created;
    const scope = createAttemptScope('test.fallback');
    const sink = statusSink();
    scope.run(scope.bind(context.active(), sink), () => expect(scope.current()).toBe(sink));
    ACTIVE_OPERATION_ATTEMPTS.run(
      withActiveOperation(ROOT_CONTEXT, sink as unknown as OperationHandle),
      () => undefined,
    );
    expect(storages.created - before).toBe(0);

    withContextManager(false);
    scope.run(scope.bind(context.active(), sink), () => expect(scope.current()).toBe(sink));
    scope.run(scope.bind(context.active(), sink), () => undefined);
    expect(storages.created - before).toBe(1);
  });
});
