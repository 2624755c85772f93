import { createHash } from 'node:crypto';
import { countMessageTokens } from './tokens';

/** Cached prefixes are counted in blocks of this many tokens; shorter prefixes are not cached. */
export const CACHE_BLOCK_TOKENS = 128;

/** Groq drops a cached prefix two hours after its last use. */
export const CACHE_TTL_MS = 2 * 60 * 60 * 1000;

/**
 * Groq-style prompt caching, deterministic: a request whose first k messages equal the first k
 * messages of an earlier request to the same model (used within {@link CACHE_TTL_MS}) reports as
 * cached the tokens of the longest such prefix, rounded down to a multiple of
 * {@link CACHE_BLOCK_TOKENS} (so 0 below 128).
 */
export class PromptCache {
  /** Last use (ms) of each message-prefix hash, per model. */
  private readonly prefixes = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number) {}

  /** Cached tokens of `messages` for `model`, from requests stored before. */
  cachedTokens(model: string, messages: readonly unknown[]): number {
    const seen = this.prefixes.get(model);
    if (!seen) return 0;
    const now = this.now();
    let best = 0;
    let tokens = 0;
    for (const { key, message } of prefixKeys(messages)) {
      tokens += countMessageTokens(message);
      const lastUsed = seen.get(key);
      if (lastUsed !== undefined && now - lastUsed <= CACHE_TTL_MS) best = tokens;
    }
    return Math.floor(best / CACHE_BLOCK_TOKENS) * CACHE_BLOCK_TOKENS;
  }

  /** Remembers every prefix of `messages` for later requests to `model`, dropping expired ones. */
  store(model: string, messages: readonly unknown[]): void {
    const now = this.now();
    let seen = this.prefixes.get(model);
    if (!seen) {
      seen = new Map();
      this.prefixes.set(model, seen);
    }
    for (const [key, lastUsed] of seen) {
      if (now - lastUsed > CACHE_TTL_MS) seen.delete(key);
    }
    for (const { key } of prefixKeys(messages)) seen.set(key, now);
  }

  reset(): void {
    this.prefixes.clear();
  }
}

function* prefixKeys(messages: readonly unknown[]): Generator<{ key: string; message: unknown }> {
  let key = '';
  for (const message of messages) {
    key = createHash('sha256').update(key).update(JSON.stringify(message)).digest('hex');
    yield { key, message };
  }
}
