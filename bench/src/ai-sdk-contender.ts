import { generateText, type LanguageModel, streamText } from 'ai';
import { BENCH_PROMPT, completionTokensHeaders } from './bench-workload';
import type { ChatContender } from './chat-comparison';

/** `generateText` per call and `streamText`'s `fullStream` per stream, through `model`. */
export function aiSdkContender(model: LanguageModel): ChatContender {
  return {
    async call() {
      await generateText({ model, prompt: BENCH_PROMPT, maxRetries: 0 });
    },
    async stream(tokens, onChunk) {
      const result = streamText({
        model,
        prompt: BENCH_PROMPT,
        maxRetries: 0,
        headers: completionTokensHeaders(tokens),
      });
      let count = 0;
      for await (const _part of result.fullStream) {
        count++;
        onChunk?.(count);
      }
      return count;
    },
  };
}
