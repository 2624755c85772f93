import { DEFAULT_MODELS } from '@groqmeter/groq-simulator';
import Groq from 'groq-sdk';

/** A fake Groq API key: long and unique, so that a test can search every output for it. */
export const API_KEY = 'gsk_instrumentationTestKey7f3a9c1e5b2d8f4a6c0e';

/** A chat model of the simulator's catalogue with prompt caching and reasoning tokens. */
export const CHAT_MODEL = 'openai/gpt-oss-20b';
/** The reasoning tokens the simulator reports for each answer of {@link CHAT_MODEL}. */
export const CHAT_MODEL_REASONING_TOKENS = DEFAULT_MODELS[CHAT_MODEL]?.reasoningTokens ?? 0;

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function withHeaders(response: Response, extra: Record<string, string>, body?: BodyInit | null): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  if (body !== undefined) headers.delete('content-length');
  return new Response(body === undefined ? response.body : body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/**
 * A fetch that tells groq-sdk to retry 5xx answers at once (`retry-after-ms: 0`): the simulator's
 * 500s carry no `retry-after`, and tests must not wait for the SDK's backoff.
 */
export function retryingImmediately(fetch: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    return response.status >= 500 ? withHeaders(response, { 'retry-after-ms': '0' }) : response;
  };
}

/** Remove every usage field from a JSON or server-sent-events body (a Groq answer without usage). */
function stripUsage(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copy = { ...(value as Record<string, unknown>) };
  delete copy.usage;
  if (typeof copy.x_groq === 'object' && copy.x_groq !== null) {
    const xGroq = { ...(copy.x_groq as Record<string, unknown>) };
    delete xGroq.usage;
    copy.x_groq = xGroq;
  }
  return copy;
}

/** A fetch whose successful answers carry no usage at all. */
export function withoutUsage(fetch: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok) return response;
    const text = await response.text();
    const isEventStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
    const body = isEventStream
      ? text
          .split('\n')
          .map((line) =>
            line.startsWith('data: {')
              ? `data: ${JSON.stringify(stripUsage(JSON.parse(line.slice(6))))}`
              : line,
          )
          .join('\n')
      : JSON.stringify(stripUsage(JSON.parse(text)));
    return withHeaders(response, {}, body);
  };
}

/** A fetch that answers every request with this JSON, as Groq would (for endpoints the simulator lacks). */
export function answeringWith(json: unknown, headers: Record<string, string> = {}): Fetch {
  return async () =>
    new Response(JSON.stringify(json), {
      status: 200,
      headers: { 'content-type': 'application/json', ...headers },
    });
}

/** A fetch that answers every request with these chunks as a server-sent event stream, as Groq streams. */
export function streamingEvents(chunks: unknown[]): Fetch {
  return async () =>
    new Response(`${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`, {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
    });
}

/**
 * Whether the groq-sdk under test is the Stainless "v1" generation (1.x: global fetch, `withOptions`)
 * rather than 0.x (node-fetch shims, no `withOptions`); `test:versions` runs the suite on both.
 */
export const GROQ_SDK_V1 = typeof (Groq.prototype as { withOptions?: unknown }).withOptions === 'function';

/**
 * Replace the SDK method `name` of `resource`'s prototype (which an instrumented client calls at
 * call time) with one that hands each `APIPromise` the SDK returns to `seen`, optionally changed
 * first, until `restore()`. Lets a test compare what the caller got with the SDK's own promise.
 */
export function spyOnSdkMethod(
  resource: object,
  name: string,
  seen: (promise: Record<string, unknown>) => void,
): { restore(): void } {
  const prototype = Object.getPrototypeOf(resource) as Record<string, unknown>;
  const original = prototype[name] as (this: unknown, ...args: unknown[]) => Record<string, unknown>;
  prototype[name] = function (this: unknown, ...args: unknown[]) {
    const promise = original.apply(this, args);
    seen(promise);
    return promise;
  };
  return {
    restore() {
      prototype[name] = original;
    },
  };
}
