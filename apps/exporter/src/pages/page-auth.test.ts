import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { PageAuth } from './page-auth.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('PageAuth', () => {
  it('admits everyone without a scrape token', () => {
    const auth = new PageAuth(undefined);
    expect(auth.allows(request({}))).toBe(true);
    expect(auth.acceptsQueryToken('anything')).toBe(false);
  });

  it('admits the bearer token or the cookie set after ?token=, which holds a digest, not the token', () => {
    const auth = new PageAuth('s3cret');
    expect(auth.allows(request({}))).toBe(false);
    expect(auth.allows(request({ authorization: 'Bearer s3cret' }))).toBe(true);
    expect(auth.acceptsQueryToken('s3cret')).toBe(true);
    expect(auth.acceptsQueryToken('s3cret ')).toBe(false);
    const cookie = auth.setCookie().split(';')[0] ?? '';
    expect(cookie).not.toContain('s3cret');
    expect(auth.allows(request({ cookie: `theme=dark; ${cookie}` }))).toBe(true);
    expect(auth.allows(request({ cookie: 'groqmeter_pages=0000' }))).toBe(false);
    // Another token's cookie does not open this exporter.
    const other = new PageAuth('other').setCookie().split(';')[0] ?? '';
    expect(auth.allows(request({ cookie: other }))).toBe(false);
  });
});
