import { field, type HeadersLike } from '@groqmeter/recorder';

/**
 * `response.headers` of a `doGenerate` or `doStream` result: the HTTP attempt's rate-limit headers,
 * a plain record with fetch's lowercase names, which the recorder reads as it is.
 */
export function responseHeadersOf(modelResult: unknown): HeadersLike | undefined {
  const headers = field(field(modelResult, 'response'), 'headers');
  return typeof headers === 'object' && headers !== null ? (headers as HeadersLike) : undefined;
}
