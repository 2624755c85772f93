import { field } from '@groqmeter/recorder';

/** Error names and classes that mean the caller aborted the run, not that Groq failed it. */
const ABORT_NAMES: ReadonlySet<string> = new Set(['AbortError', 'ModelAbortError', 'APIUserAbortError']);

/**
 * Whether a run's error is an abort: LangChain's `ModelAbortError`, a DOM `AbortError`,
 * groq-sdk's `APIUserAbortError`, or ChatGroq's own `new Error('AbortError')`.
 */
export function isAbortError(error: unknown): boolean {
  const name = field(error, 'name');
  const className = (Object.getPrototypeOf(error ?? {}) as { constructor?: { name?: unknown } }).constructor
    ?.name;
  return (
    (typeof name === 'string' && ABORT_NAMES.has(name)) ||
    (typeof className === 'string' && ABORT_NAMES.has(className)) ||
    field(error, 'message') === 'AbortError'
  );
}
