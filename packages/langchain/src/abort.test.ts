import { ModelAbortError } from '@langchain/core/errors';
import { describe, expect, it } from 'vitest';
import { isAbortError } from './abort.js';

class APIUserAbortError extends Error {}

describe('isAbortError', () => {
  it('recognises the aborts of LangChain, the DOM, groq-sdk and ChatGroq', () => {
    expect(isAbortError(new ModelAbortError('Model invocation was aborted.'))).toBe(true);
    expect(isAbortError(new DOMException('This operation was aborted', 'AbortError'))).toBe(true);
    expect(isAbortError(new APIUserAbortError('Request was aborted.'))).toBe(true);
    expect(isAbortError(new Error('AbortError'))).toBe(true);
  });

  it('does not take other failures for aborts', () => {
    expect(isAbortError(Object.assign(new Error('Rate limit reached'), { status: 429 }))).toBe(false);
    expect(isAbortError(undefined)).toBe(false);
    expect(isAbortError('AbortError?')).toBe(false);
  });
});
