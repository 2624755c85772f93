import { type HeadersLike, readHeader } from '@groqmeter/recorder';

/**
 * An asymmetric matcher for the headers an attempt hands to the recorder: they read as `expected`
 * name by name (the middleware passes the AI SDK's record behind a `get`, so it is not the same
 * object), and a name not in `expected` reads as absent.
 */
export function headersReadingAs(expected: Record<string, string>) {
  return {
    asymmetricMatch(headers: HeadersLike): boolean {
      return (
        Object.entries(expected).every(([name, value]) => readHeader(headers, name) === value) &&
        readHeader(headers, 'x-not-sent') === undefined
      );
    },
    toString: () => `headers reading as ${JSON.stringify(expected)}`,
  };
}
