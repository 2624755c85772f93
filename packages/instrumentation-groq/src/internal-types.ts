/**
 * The shapes of groq-sdk objects this package touches, written structurally so that nothing here
 * imports groq-sdk at runtime and the public types do not depend on its version. Never exported
 * from the package.
 */

/** What groq-sdk hands a `_thenUnwrap` transform next to the parsed body. */
export interface ResponseProps {
  response: Response;
}

/** groq-sdk's `APIPromise`: a `Promise` subclass whose body parsing is lazy. */
export interface ApiPromiseLike<T = unknown> extends Promise<T> {
  _thenUnwrap<U>(transform: (data: T, props: ResponseProps) => U): ApiPromiseLike<U>;
  asResponse(): Promise<Response>;
  withResponse(): Promise<{ data: T; response: Response }>;
}

/**
 * The fields every supported Stainless `APIPromise` keeps on the instance (groq-sdk 0.27 to 1.x,
 * openai 4 to 7): the request's promise and the parser its `parse()` reads when the caller first
 * asks for the body (`(props)` in the 0.x / openai 4 layout, `(client, props)` since).
 */
export interface ParsingApiPromiseFields {
  responsePromise: Promise<unknown>;
  parseResponse: (this: unknown, ...args: unknown[]) => unknown;
  parsedPromise?: Promise<unknown>;
}

/** groq-sdk's `Stream`: async-iterable once, with the request's abort controller. */
export interface StreamLike<Item = unknown> extends AsyncIterable<Item> {
  controller: AbortController;
}

/** groq-sdk's `Stream` constructor, public in the SDK: `new Stream(iteratorFn, controller, client)`. */
export type StreamConstructor = new (
  iterator: () => AsyncIterator<unknown>,
  controller: AbortController,
  client?: unknown,
) => StreamLike;

/** `Groq.prototype.fetchWithTimeout`: the one method every HTTP attempt (retries included) goes through. */
export type FetchWithTimeout = (
  this: unknown,
  url: unknown,
  init: unknown,
  ms: number,
  controller: AbortController,
) => Promise<Response>;

/** The parts of a `Groq` client this package reads or wraps. */
export interface GroqClientLike {
  baseURL: string;
  fetchWithTimeout: FetchWithTimeout;
  withOptions?: (options: unknown) => unknown;
}

/** A resource method such as `Completions.prototype.create`. */
export type ResourceMethod = (this: unknown, ...args: unknown[]) => unknown;

/** A resource instance (`client.chat.completions`): every resource holds its client. */
export interface ResourceLike {
  _client?: GroqClientLike;
}
