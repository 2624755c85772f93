import { field, type HeadersLike, readHeader } from '@groqmeter/recorder';

/**
 * `response.headers` of a `doGenerate` or `doStream` result: the HTTP attempt's rate-limit headers.
 * The AI SDK hands them over as a plain record with the lowercase names of fetch's `Headers`;
 * they are passed on behind a `get` that looks each name up directly (the recorder reads eight
 * names per response, which on a bare record is a case-insensitive scan of every key each time),
 * falling back to that scan for a name not found as spelled.
 */
export function responseHeadersOf(modelResult: unknown): HeadersLike | undefined {
  const headers = field(field(modelResult, 'response'), 'headers');
  if (typeof headers !== 'object' || headers === null) return undefined;
  if (typeof (headers as { get?: unknown }).get === 'function') return headers as HeadersLike;
  const record = headers as Record<string, string | string[] | undefined>;
  return {
    get(name: string): string | undefined {
      const value = record[name];
      if (value === undefined) return readHeader(record, name);
      return Array.isArray(value) ? value[0] : value;
    },
  };
}
