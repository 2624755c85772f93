import { describe, expect, it } from 'vitest';
import { CACHE_TTL_MS, PromptCache } from './prompt-cache';
import { countMessageTokens } from './tokens';

const system = { role: 'system', content: 'x'.repeat(1000) };
const clock = { now: 0 };

describe('PromptCache', () => {
  it('reports the longest stored message prefix, rounded down to 128-token blocks', () => {
    const cache = new PromptCache(() => clock.now);
    const first = [system, { role: 'user', content: 'first question' }];
    expect(cache.cachedTokens('m', first)).toBe(0);
    cache.store('m', first);
    const second = [system, { role: 'user', content: 'second question' }];
    expect(countMessageTokens(system)).toBe(254);
    expect(cache.cachedTokens('m', second)).toBe(128);
    expect(cache.cachedTokens('m', first)).toBe(256);
  });

  it('forgets a prefix two hours after its last use', () => {
    const cache = new PromptCache(() => clock.now);
    cache.store('m', [system]);
    clock.now += CACHE_TTL_MS;
    expect(cache.cachedTokens('m', [system])).toBe(128);
    cache.store('m', [system]);
    clock.now += CACHE_TTL_MS + 1;
    expect(cache.cachedTokens('m', [system])).toBe(0);
  });

  it('is per model, caches nothing under 128 tokens, and forgets on reset', () => {
    const cache = new PromptCache(() => clock.now);
    const short = [{ role: 'user', content: 'short' }];
    cache.store('m', short);
    cache.store('m', [system]);
    expect(cache.cachedTokens('m', short)).toBe(0);
    expect(cache.cachedTokens('other', [system])).toBe(0);
    cache.reset();
    expect(cache.cachedTokens('m', [system])).toBe(0);
  });
});
