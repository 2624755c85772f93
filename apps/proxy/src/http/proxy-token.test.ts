import { describe, expect, it } from 'vitest';
import { proxyTokenMatches } from './proxy-token.js';

describe('proxyTokenMatches', () => {
  it('accepts exactly "Bearer <token>", case-insensitive scheme', () => {
    expect(proxyTokenMatches('Bearer s3cret', 's3cret')).toBe(true);
    expect(proxyTokenMatches('bearer s3cret', 's3cret')).toBe(true);
    expect(proxyTokenMatches('Bearer s3creT', 's3cret')).toBe(false);
    expect(proxyTokenMatches('Bearer s3cret-and-more', 's3cret')).toBe(false);
    expect(proxyTokenMatches('s3cret', 's3cret')).toBe(false);
    expect(proxyTokenMatches(undefined, 's3cret')).toBe(false);
    expect(proxyTokenMatches(['Bearer s3cret'], 's3cret')).toBe(false);
  });
});
