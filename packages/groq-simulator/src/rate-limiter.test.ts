import { describe, expect, it } from 'vitest';
import { RateLimiter, rateLimitHeaders } from './rate-limiter';
import type { ModelLimits } from './types';

function limiterWith(limits: ModelLimits) {
  const clock = { now: 1_000_000 };
  const limiter = new RateLimiter(
    () => limits,
    () => clock.now,
  );
  return { limiter, clock };
}

describe('RateLimiter', () => {
  it('charges requests and tokens and reports Groq headers', () => {
    const { limiter } = limiterWith({ requestsPerDay: 14_400, tokensPerMinute: 18_000 });
    for (let i = 0; i < 30; i += 1) expect(limiter.admit('m', 1)).toEqual({ ok: true });
    expect(rateLimitHeaders(limiter.snapshot('m'))).toEqual({
      'x-ratelimit-limit-requests': '14400',
      'x-ratelimit-remaining-requests': '14370',
      'x-ratelimit-reset-requests': '3m0s',
      'x-ratelimit-limit-tokens': '18000',
      'x-ratelimit-remaining-tokens': '17970',
      'x-ratelimit-reset-tokens': '100ms',
    });
  });

  it('refuses tokens beyond the budget with the wait until they refill, then admits after it', () => {
    const { limiter, clock } = limiterWith({ tokensPerMinute: 6000 });
    expect(limiter.admit('m', 5990)).toEqual({ ok: true });
    expect(limiter.admit('m', 120)).toEqual({
      ok: false,
      status: 429,
      resource: 'tokens',
      limit: 6000,
      used: 5990,
      requested: 120,
      waitSeconds: 1.1,
    });
    clock.now += 1100;
    expect(limiter.admit('m', 120)).toEqual({ ok: true });
    expect(limiter.snapshot('m')).toEqual({ tokens: { limit: 6000, remaining: 0, resetSeconds: 60 } });
  });

  it('refuses with 413 a request larger than the whole TPM limit', () => {
    const { limiter } = limiterWith({ tokensPerMinute: 6000 });
    expect(limiter.admit('m', 6294)).toMatchObject({
      ok: false,
      status: 413,
      requested: 6294,
      waitSeconds: 0,
    });
  });

  it('refuses the request after the daily budget is spent, checking requests before tokens', () => {
    const { limiter, clock } = limiterWith({ requestsPerDay: 2, tokensPerMinute: 10 });
    limiter.admit('m', 1);
    limiter.admit('m', 1);
    expect(limiter.admit('m', 9)).toEqual({
      ok: false,
      status: 429,
      resource: 'requests',
      limit: 2,
      used: 2,
      requested: 1,
      waitSeconds: 43_200,
    });
    clock.now += 43_200_000;
    expect(limiter.admit('m', 1)).toEqual({ ok: true });
  });

  it('has no headers for a model without limits and refills everything on reset', () => {
    const { limiter } = limiterWith({});
    expect(limiter.admit('m', 1_000_000)).toEqual({ ok: true });
    expect(rateLimitHeaders(limiter.snapshot('m'))).toEqual({});
    const spent = limiterWith({ requestsPerDay: 1 });
    spent.limiter.admit('m', 0);
    spent.limiter.reset();
    expect(spent.limiter.snapshot('m')).toEqual({ requests: { limit: 1, remaining: 1, resetSeconds: 0 } });
  });
});
