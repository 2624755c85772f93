/**
 * Which headers cross the proxy. Everything the client and Groq exchange passes unchanged, in its
 * order and spelling, except what is about one connection (hop-by-hop, RFC 9110 §7.6.1) and what
 * is addressed to the proxy itself (`x-groqmeter-*` attribution, `Proxy-Authorization`).
 */

/** Headers about one connection: never forwarded in either direction. */
const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** The prefix of attribution headers (`x-groqmeter-feature: support-chat`). */
export const ATTRIBUTION_HEADER_PREFIX = 'x-groqmeter-';

/** Header names listed in `Connection` (also hop-by-hop), lower-cased. */
function connectionListed(rawHeaders: readonly string[]): Set<string> {
  const listed = new Set<string>();
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if ((rawHeaders[index] as string).toLowerCase() !== 'connection') continue;
    for (const name of (rawHeaders[index + 1] as string).split(',')) listed.add(name.trim().toLowerCase());
  }
  return listed;
}

/**
 * The request headers to send upstream, as a flat `[name, value, …]` list: the client's own
 * (`Authorization` included) in their order and spelling, without hop-by-hop headers, `Host`
 * (the upstream's is set), `Content-Length` (set to the forwarded body's length), `Expect` (the
 * body is already read) and `x-groqmeter-*`.
 */
export function upstreamRequestHeaders(
  rawHeaders: readonly string[],
  upstreamHost: string,
  bodyLength: number | undefined,
): string[] {
  const listed = connectionListed(rawHeaders);
  const headers: string[] = ['Host', upstreamHost];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    const lower = name.toLowerCase();
    if (
      HOP_BY_HOP.has(lower) ||
      listed.has(lower) ||
      lower === 'host' ||
      lower === 'content-length' ||
      // The proxy already holds the whole body: the upstream has nothing to agree to first.
      lower === 'expect' ||
      lower.startsWith(ATTRIBUTION_HEADER_PREFIX)
    )
      continue;
    headers.push(name, rawHeaders[index + 1] as string);
  }
  if (bodyLength !== undefined) headers.push('Content-Length', String(bodyLength));
  return headers;
}

/**
 * The response headers to send the client, as a flat `[name, value, …]` list: Groq's, in order and
 * spelling (`x-ratelimit-*`, `retry-after`, `x-request-id`, `content-length`, `date`, …), without
 * hop-by-hop headers, which the proxy's own connection to the client sets.
 */
export function clientResponseHeaders(rawHeaders: readonly string[]): string[] {
  const listed = connectionListed(rawHeaders);
  const headers: string[] = [];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const lower = (rawHeaders[index] as string).toLowerCase();
    if (HOP_BY_HOP.has(lower) || listed.has(lower)) continue;
    headers.push(rawHeaders[index] as string, rawHeaders[index + 1] as string);
  }
  return headers;
}
