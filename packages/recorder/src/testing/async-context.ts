import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';

/**
 * Register an AsyncLocalStorage context manager globally, as the OTel Node SDK does, so that
 * context attribution (`withGroqAttributes`) and de-duplication between adapters work in tests.
 * Returns the undo, which unregisters it again. When a context manager is registered already, it
 * stays, and the undo leaves it to whoever registered it.
 */
export function installAsyncContext(): () => void {
  const manager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(manager)) {
    manager.disable();
    return () => undefined;
  }
  return () => {
    manager.disable();
    context.disable();
  };
}
