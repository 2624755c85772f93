import { operationStartFromCall } from './call-facts.js';
import { callModel } from './call-model.js';
import { generateResultFacts } from './generate-result.js';
import { lazyRecorder } from './lazy-recorder.js';
import { responseHeadersOf } from './response-headers.js';
import { recordStream } from './stream-recording.js';
import type { GroqmeterMiddleware, GroqmeterOptions } from './types.js';

/**
 * A language-model middleware that records every model call of a wrapped Groq model as one
 * groqmeter operation: tokens, cost, duration, time to first chunk, rate-limit headers, server
 * timings and errors, as spans and metrics of the groqmeter telemetry contract.
 *
 * One operation per model call: a multi-step run records each step, and each attempt the AI SDK
 * retries is its own (failed) operation, because the middleware runs once per attempt and cannot
 * know whether another attempt follows. Every 429 is therefore counted exactly once.
 *
 * @example
 * const model = wrapLanguageModel({ model: groq('llama-3.3-70b-versatile'), middleware: groqmeter() });
 * await generateText({ model, prompt: 'Hi', providerOptions: { groqmeter: { feature: 'greeting' } } });
 */
export function groqmeter(options: GroqmeterOptions = {}): GroqmeterMiddleware {
  const getRecorder = lazyRecorder(options);
  // Call options for which groqmeter turned raw chunks on: their `raw` parts are its own.
  const rawChunksAddedFor = new WeakSet<object>();

  const wrapGenerate: GroqmeterMiddleware['wrapGenerate'] = async ({ doGenerate, params, model }) => {
    const handle = getRecorder().start(operationStartFromCall(params, model, false));
    const generated = await callModel(handle, params, doGenerate);
    handle.attempt({ headers: responseHeadersOf(generated) });
    handle.end(generateResultFacts(generated));
    return generated;
  };

  const wrapStream: GroqmeterMiddleware['wrapStream'] = async ({ doStream, params, model }) => {
    const handle = getRecorder().start(operationStartFromCall(params, model, true));
    const streamed = await callModel(handle, params, doStream);
    handle.attempt({ headers: responseHeadersOf(streamed) });
    const stream = recordStream(streamed.stream, handle, {
      dropRawParts: rawChunksAddedFor.has(params),
      abortSignal: params.abortSignal,
    });
    return Object.assign({}, streamed, { stream });
  };

  return {
    specificationVersion: 'v3',

    async transformParams({ type, params }) {
      if (type !== 'stream' || params.includeRawChunks === true) return params;
      const withRawChunks = { ...params, includeRawChunks: true };
      rawChunksAddedFor.add(withRawChunks);
      return withRawChunks;
    },
    wrapGenerate,
    wrapStream,
  };
}
