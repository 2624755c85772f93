import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hasBearerToken } from '../http/bearer-token.js';

/** The cookie a browser keeps after opening a page with `?token=`. */
export const TOKEN_COOKIE = 'groqmeter_pages';

/**
 * The scrape token guards the pages as it guards `/metrics`. A browser cannot send a bearer
 * header on navigation, so a page opened as `/?token=TOKEN` sets an HttpOnly, SameSite=Strict
 * cookie holding a digest of the token (never the token), and later requests carry it.
 */
export class PageAuth {
  private readonly cookieValue: string | undefined;

  constructor(private readonly token: string | undefined) {
    this.cookieValue = token === undefined ? undefined : digest(`groqmeter-pages:${token}`);
  }

  /** Whether the request may see the pages: no token set, a bearer token or the cookie. */
  allows(request: IncomingMessage): boolean {
    if (this.token === undefined) return true;
    if (hasBearerToken(request.headers.authorization, this.token)) return true;
    const cookie = cookieOf(request.headers.cookie, TOKEN_COOKIE);
    return cookie !== undefined && this.cookieValue !== undefined && sameText(cookie, this.cookieValue);
  }

  /** Whether `?token=` carries the right token; the answer then sets {@link PageAuth.setCookie}. */
  acceptsQueryToken(token: string | null): boolean {
    return this.token !== undefined && token !== null && sameText(digest(token), digest(this.token));
  }

  /** The `set-cookie` header value that admits later requests. */
  setCookie(): string {
    return `${TOKEN_COOKIE}=${this.cookieValue ?? ''}; Path=/; HttpOnly; SameSite=Strict`;
  }
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function sameText(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(digest(a)), Buffer.from(digest(b)));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
