import { createHmac } from 'node:crypto';

/** The attribution key of the API-key fingerprint (`--key-label`). */
export const KEY_LABEL_ATTRIBUTE = 'key_label';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * A short fingerprint of the API key in an `Authorization: Bearer <key>` header, so that teams
 * sharing one proxy can be told apart: the first 12 hex digits (48 bits) of HMAC-SHA-256 of the key
 * under `secret`. It cannot be turned back into the key, and without the secret it cannot be
 * checked against a guessed key either. Undefined without a bearer key.
 */
export function apiKeyLabel(
  authorization: string | string[] | undefined,
  secret: string,
): string | undefined {
  const key = typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
  if (key === undefined) return undefined;
  return createHmac('sha256', secret).update(key).digest('hex').slice(0, 12);
}
