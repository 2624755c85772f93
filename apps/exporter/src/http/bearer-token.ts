import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization` header carries `Bearer <expected>`. Always true when no token is
 * configured. Compared in constant time over digests, so neither content nor length leaks.
 */
export function hasBearerToken(authorization: string | undefined, expected: string | undefined): boolean {
  if (expected === undefined) return true;
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(expected));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
