import { describe, expect, it } from 'vitest';
import { hasBearerToken } from './bearer-token.js';

describe('hasBearerToken', () => {
  it('accepts anything when no token is configured', () => {
    expect(hasBearerToken(undefined, undefined)).toBe(true);
  });

  it('accepts exactly the configured bearer token', () => {
    expect(hasBearerToken('Bearer s3cret', 's3cret')).toBe(true);
    expect(hasBearerToken('bearer s3cret', 's3cret')).toBe(true);
    expect(hasBearerToken('Bearer s3cre', 's3cret')).toBe(false);
    expect(hasBearerToken('Basic s3cret', 's3cret')).toBe(false);
    expect(hasBearerToken(undefined, 's3cret')).toBe(false);
  });
});
