import { describe, expect, it } from 'vitest';
import { clientResponseHeaders, upstreamRequestHeaders } from './header-rules.js';

describe('upstreamRequestHeaders', () => {
  it("keeps the client's headers in order and spelling, drops hop-by-hop, x-groqmeter-* and the proxy token", () => {
    const raw = [
      'Host',
      'localhost:8787',
      'Authorization',
      'Bearer gsk_x',
      'Connection',
      'keep-alive, X-Private',
      'X-Private',
      'hop',
      'Proxy-Authorization',
      'Bearer proxy',
      'X-Groqmeter-Feature',
      'chat',
      'Content-Length',
      '12',
      'x-stainless-retry-count',
      '0',
    ];
    expect(upstreamRequestHeaders(raw, 'api.groq.com', 12)).toEqual([
      'Host',
      'api.groq.com',
      'Authorization',
      'Bearer gsk_x',
      'x-stainless-retry-count',
      '0',
      'Content-Length',
      '12',
    ]);
  });
});

describe('clientResponseHeaders', () => {
  it("keeps Groq's headers (rate limits, retry-after, request id, length), drops hop-by-hop ones", () => {
    const raw = [
      'Date',
      'Tue, 01 Dec 2026 12:00:00 GMT',
      'Content-Type',
      'application/json',
      'Content-Length',
      '2',
      'Connection',
      'keep-alive',
      'Keep-Alive',
      'timeout=5',
      'retry-after',
      '7',
      'x-ratelimit-remaining-tokens',
      '7959',
      'x-request-id',
      'req_01',
      'Transfer-Encoding',
      'chunked',
    ];
    expect(clientResponseHeaders(raw)).toEqual([
      'Date',
      'Tue, 01 Dec 2026 12:00:00 GMT',
      'Content-Type',
      'application/json',
      'Content-Length',
      '2',
      'retry-after',
      '7',
      'x-ratelimit-remaining-tokens',
      '7959',
      'x-request-id',
      'req_01',
    ]);
  });
});
