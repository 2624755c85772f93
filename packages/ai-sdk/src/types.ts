import type { Attribution, Recorder, RecorderOptions } from '@groqmeter/recorder';

/**
 * The call options of a language-model call as far as groqmeter reads them. Structural, so that
 * the call options of every AI SDK specification (v2 for `ai` 5, v3 for `ai` 6, v4 for `ai` 7)
 * fit without a runtime or type dependency on a particular `@ai-sdk/provider`.
 */
export interface LanguageModelCallOptionsLike {
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  responseFormat?: { type: string };
  tools?: readonly unknown[];
  includeRawChunks?: boolean;
  abortSignal?: AbortSignal;
  providerOptions?: Record<string, Record<string, unknown> | undefined>;
}

/** The wrapped model as far as groqmeter reads it. */
export interface LanguageModelLike {
  readonly provider: string;
  readonly modelId: string;
}

/** A stream result of any AI SDK specification: the parts are observed, never changed. */
export interface LanguageModelStreamResultLike {
  stream: ReadableStream<unknown>;
}

/**
 * The middleware {@link groqmeter} returns. It is a plain object with the hooks of the AI SDK's
 * `LanguageModelMiddleware`, typed generically so that it can be passed to `wrapLanguageModel` of
 * `ai` 5 (spec v2), `ai` 6 (spec v3) and `ai` 7 (spec v4) alike.
 */
export interface GroqmeterMiddleware {
  readonly specificationVersion: 'v3';
  /** Records one `doGenerate` call as one operation. */
  wrapGenerate<R>(options: {
    doGenerate: () => PromiseLike<R>;
    params: LanguageModelCallOptionsLike;
    model: LanguageModelLike;
  }): Promise<R>;
  /**
   * Records one `doStream` call as one operation, ending when the stream does. It calls the model
   * itself with raw chunks turned on (they carry Groq's server timings), removed again from the
   * caller's stream unless the caller asked for them.
   */
  wrapStream<R extends LanguageModelStreamResultLike>(options: {
    doStream: () => PromiseLike<R>;
    params: LanguageModelCallOptionsLike;
    model: LanguageModelLike & { doStream(params: LanguageModelCallOptionsLike): PromiseLike<R> };
  }): Promise<R>;
}

/** Options of {@link groqmeter}. */
export interface GroqmeterOptions extends RecorderOptions {
  /**
   * The recorder to use, e.g. one shared with other adapters. Default: one created on the first
   * call from the other options (so the global OTel providers registered by then are used).
   */
  recorder?: Recorder;
}

/**
 * Per-call attribution, passed as `providerOptions: { groqmeter: { feature: 'search' } }` to
 * `generateText`, `streamText` and the other AI SDK calls (per model: `groqmeter({ attributes })`).
 * Allow-listed keys become metric labels; every key goes on the span.
 */
export type GroqmeterProviderOptions = Attribution;

/**
 * The call options of a transcription model's `doGenerate` as far as groqmeter reads them
 * (spec v2, v3 and v4 alike): the audio as bytes or base64, its media type, provider options.
 */
export interface TranscriptionCallOptionsLike {
  audio: Uint8Array | string;
  mediaType: string;
  abortSignal?: AbortSignal;
  providerOptions?: Record<string, Record<string, unknown> | undefined>;
}

/** A transcription model of any AI SDK specification, as far as groqmeter wraps it. */
export interface TranscriptionModelLike {
  readonly modelId: string;
  doGenerate(options: TranscriptionCallOptionsLike): PromiseLike<unknown>;
}
