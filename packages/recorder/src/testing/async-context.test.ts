import { context, createContextKey } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { installAsyncContext } from './async-context.js';

const KEY = createContextKey('groqmeter.test');

async function valueAfterAwait(): Promise<unknown> {
  return context.with(context.active().setValue(KEY, 'kept'), async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return context.active().getValue(KEY);
  });
}

describe('installAsyncContext', () => {
  it('keeps the active context across awaits until undone', async () => {
    expect(await valueAfterAwait()).toBeUndefined();
    const undo = installAsyncContext();
    expect(await valueAfterAwait()).toBe('kept');
    undo();
    expect(await valueAfterAwait()).toBeUndefined();
  });

  it('leaves a context manager registered before it in place', async () => {
    const undoFirst = installAsyncContext();
    const undoSecond = installAsyncContext();
    undoSecond();
    expect(await valueAfterAwait()).toBe('kept');
    undoFirst();
    expect(await valueAfterAwait()).toBeUndefined();
  });
});
