import { afterEach, describe, expect, it } from 'vitest';
import { configuredGroqBaseURLs, ENV_GROQ_BASE_URLS, isGroqBaseURL } from './groq-base-url.js';

describe('isGroqBaseURL', () => {
  it("is Groq for the openai SDK pointed at Groq's OpenAI-compatible API", () => {
    expect(isGroqBaseURL('https://api.groq.com/openai/v1', [])).toBe(true);
    expect(isGroqBaseURL('https://api.groq.com/openai/v1/', [])).toBe(true);
  });

  it('is not Groq for OpenAI itself, another host, a look-alike host or no URL', () => {
    expect(isGroqBaseURL('https://api.openai.com/v1', [])).toBe(false);
    expect(isGroqBaseURL('https://api.groq.com.evil.example/openai/v1', [])).toBe(false);
    expect(isGroqBaseURL('not a url', [])).toBe(false);
    expect(isGroqBaseURL(undefined, ['http://127.0.0.1:8080'])).toBe(false);
  });

  it('is Groq for a listed base URL and the paths under it, not for a longer port', () => {
    const extra = ['http://127.0.0.1:8080/openai/v1'];
    expect(isGroqBaseURL('http://127.0.0.1:8080/openai/v1', extra)).toBe(true);
    expect(isGroqBaseURL('http://127.0.0.1:8080/openai/v1/', extra)).toBe(true);
    expect(isGroqBaseURL('http://127.0.0.1:80801/openai/v1', ['http://127.0.0.1:8080'])).toBe(false);
  });
});

describe('configuredGroqBaseURLs', () => {
  afterEach(() => {
    delete process.env[ENV_GROQ_BASE_URLS];
  });

  it('takes the option, else the comma-separated environment variable, trimmed and without trailing slashes', () => {
    process.env[ENV_GROQ_BASE_URLS] = ' http://a:1/openai/v1/ , ,http://b:2 ';
    expect(configuredGroqBaseURLs(undefined)).toEqual(['http://a:1/openai/v1', 'http://b:2']);
    expect(configuredGroqBaseURLs(['http://c:3/'])).toEqual(['http://c:3']);
  });
});

describe('the openai scope', () => {
  it('answers per base URL, also when clients of Groq and of OpenAI alternate', async () => {
    const { OPENAI_SDK } = await import('./openai-instrumentation.js');
    const scope = OPENAI_SDK.scope({ groqBaseURLs: ['http://127.0.0.1:8080/openai/v1'] });
    const asked = [
      'http://127.0.0.1:8080/openai/v1',
      'https://api.openai.com/v1',
      'https://api.openai.com/v1',
      'https://api.groq.com/openai/v1',
      undefined,
    ].map((url) => scope.providerOf(url));
    expect(asked).toEqual(['groq', 'openai', 'openai', 'groq', undefined]);
    expect(scope.source).toBe('openai');
  });
});
