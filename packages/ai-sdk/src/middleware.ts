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

  return {
    specificationVersion: 'v3',

    wrapGenerate({ doGenerate, params, model }) {
      const handle = getRecorder().start(operationStartFromCall(params, model, false));
      return callModel(handle, params.abortSignal, doGenerate, (generated) => {
        handle.attempt({ headers: responseHeadersOf(generated) });
        handle.end(generateResultFacts(generated));
        return generated;
      });
    },

    wrapStream({ doStream, params, model }) {
      const handle = getRecorder().start(operationStartFromCall(params, model, true));
      // Groq's server timings and ids ride on the raw chunks: asked for here (rather than in a
      // `transformParams`, which costs every call a promise), and removed again unless the caller
      // asked for them too.
      const addsRawChunks = params.includeRawChunks !== true;
      const call = addsRawChunks ? () => model.doStream({ ...params, includeRawChunks: true }) : doStream;
      return callModel(handle, params.abortSignal, call, (streamed) => {
        handle.attempt({ headers: responseHeadersOf(streamed) });
        const stream = recordStream(streamed.stream, handle, {
          dropRawParts: addsRawChunks,
          abortSignal: params.abortSignal,
        });
        return { ...streamed, stream };
      });
    },
  };
}
