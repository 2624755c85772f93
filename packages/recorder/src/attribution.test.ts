import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getGroqAttributes, mergeAttribution, withGroqAttributes } from './attribution.js';
import { installAsyncContext } from './testing/async-context.js';

describe('attribution through OTel context', () => {
  let undoContext: () => void;
  beforeAll(() => {
    undoContext = installAsyncContext();
  });
  afterAll(() => undoContext());

  it('is empty outside withGroqAttributes', () => {
    expect(getGroqAttributes()).toEqual({});
  });

  it('follows async work and merges nested scopes, inner values winning', async () => {
    const seen = await withGroqAttributes({ feature: 'chat', platform: 'web' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return withGroqAttributes({ feature: 'summarise', 'user.id': 'u-1' }, async () => {
        await Promise.resolve();
        return getGroqAttributes();
      });
    });
    expect(seen).toEqual({ feature: 'summarise', platform: 'web', 'user.id': 'u-1' });
    expect(getGroqAttributes()).toEqual({});
  });

  it('returns what fn returns', () => {
    expect(withGroqAttributes({ feature: 'x' }, () => 42)).toBe(42);
  });
});

describe('mergeAttribution', () => {
  it('ranks recorder < context < call and drops undefined values', () => {
    expect(
      mergeAttribution(
        { feature: 'client', platform: 'ios', tenant_tier: 'free' },
        { feature: 'context', platform: undefined, 'user.id': 'u-7' },
        { feature: 'call', retries: 2, beta: true },
      ),
    ).toEqual({
      feature: 'call',
      platform: 'ios',
      tenant_tier: 'free',
      'user.id': 'u-7',
      retries: 2,
      beta: true,
    });
  });
});
