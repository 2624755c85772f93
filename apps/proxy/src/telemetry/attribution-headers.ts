import type { Attribution } from '@groqmeter/recorder';
import { ATTRIBUTION_HEADER_PREFIX } from '../http/header-rules.js';

/** At most this many attribution headers are read per request; more are ignored. */
export const MAX_ATTRIBUTION_HEADERS = 16;
/** Longest attribution value kept; a longer one is ignored (an attribution is a short word or id). */
export const MAX_ATTRIBUTION_VALUE_LENGTH = 256;

const KEY_SHAPE = /^[a-z][a-z0-9_.]{0,63}$/;

/**
 * Header spellings of the dotted keys groqmeter knows (`user.id` is the ledger's user column):
 * `x-groqmeter-user-id` is `user.id`, as `x-groqmeter-user.id` is.
 */
const DOTTED_KEYS: Readonly<Record<string, string>> = { user_id: 'user.id', request_id: 'request.id' };

/**
 * The attribution a request carries in `x-groqmeter-<key>: value` headers, e.g.
 * `x-groqmeter-feature: support-chat` → `{ feature: 'support-chat' }`. The key is the header
 * name after the prefix, lower-cased, with `-` as `_` (`x-groqmeter-tenant-tier` → `tenant_tier`),
 * except `user-id` and `request-id`, which are groqmeter's `user.id` and `request.id`; a dotted
 * key can also be written as is (`x-groqmeter-user.id`). What happens to it is the recorder's rule: every key goes on
 * the span, only allow-listed keys become labels, under the series cap. Keys of another shape,
 * over-long values and headers beyond {@link MAX_ATTRIBUTION_HEADERS} are ignored and counted.
 */
export function readAttributionHeaders(rawHeaders: readonly string[]): {
  attribution: Attribution;
  ignored: number;
} {
  const attribution: Attribution = {};
  let kept = 0;
  let ignored = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] as string).toLowerCase();
    if (!name.startsWith(ATTRIBUTION_HEADER_PREFIX)) continue;
    const written = name.slice(ATTRIBUTION_HEADER_PREFIX.length).replaceAll('-', '_');
    const key = DOTTED_KEYS[written] ?? written;
    const value = rawHeaders[index + 1] as string;
    if (
      !KEY_SHAPE.test(key) ||
      value.length > MAX_ATTRIBUTION_VALUE_LENGTH ||
      kept >= MAX_ATTRIBUTION_HEADERS
    ) {
      ignored += 1;
      continue;
    }
    attribution[key] = value;
    kept += 1;
  }
  return { attribution, ignored };
}
