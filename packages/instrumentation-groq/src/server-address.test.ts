import { describe, expect, it } from 'vitest';
import { serverAddressOf } from './server-address.js';

describe('serverAddressOf', () => {
  it("reads the host and the scheme's default port", () => {
    expect(serverAddressOf('https://api.groq.com')).toEqual({
      serverAddress: 'api.groq.com',
      serverPort: 443,
    });
    expect(serverAddressOf('http://localhost/openai')).toEqual({
      serverAddress: 'localhost',
      serverPort: 80,
    });
  });

  it('reads an explicit port and an IPv6 host', () => {
    expect(serverAddressOf('http://127.0.0.1:43553')).toEqual({
      serverAddress: '127.0.0.1',
      serverPort: 43553,
    });
    expect(serverAddressOf('http://[::1]:8080/')).toEqual({ serverAddress: '::1', serverPort: 8080 });
  });

  it('answers each base URL for itself when calls alternate between clients', () => {
    expect(serverAddressOf('https://api.groq.com')).toEqual({
      serverAddress: 'api.groq.com',
      serverPort: 443,
    });
    expect(serverAddressOf('https://api.groq.com')).toEqual({
      serverAddress: 'api.groq.com',
      serverPort: 443,
    });
    expect(serverAddressOf('http://127.0.0.1:43553')).toEqual({
      serverAddress: '127.0.0.1',
      serverPort: 43553,
    });
    expect(serverAddressOf('not a url')).toEqual({});
    expect(serverAddressOf('https://api.groq.com')).toEqual({
      serverAddress: 'api.groq.com',
      serverPort: 443,
    });
  });

  it('gives nothing for a base URL that does not parse', () => {
    expect(serverAddressOf('not a url')).toEqual({});
    expect(serverAddressOf(undefined)).toEqual({});
  });
});
