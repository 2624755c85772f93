import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer\s+(.+)$/i;

/**
 * Whether a request's `Proxy-Authorization` header carries the proxy token
 * (`Proxy-Authorization: Bearer <token>`). Both sides are hashed to equal-length digests first, so
 * the comparison takes the same time whatever the token's length or content.
 */
export function proxyTokenMatches(header: string | string[] | undefined, token: string): boolean {
  const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
  const given = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected) && match !== null;
}
