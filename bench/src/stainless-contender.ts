import { BENCH_MESSAGES, BENCH_MODEL, completionTokensHeaders } from './bench-workload';
import type { ChatContender } from './chat-comparison';

/**
 * The part of a Stainless-generated client (groq-sdk, openai) the benchmark calls. Both SDKs
 * share this shape, so one contender serves both.
 */
export interface StainlessChatClient {
  chat: {
    completions: {
      create(
        body: { model: string; messages: typeof BENCH_MESSAGES; stream?: boolean },
        options?: { headers?: Record<string, string> },
      ): PromiseLike<unknown>;
    };
  };
}

/** Chat calls through a groq-sdk or openai client pointed at the simulator. */
export function stainlessChatContender(client: StainlessChatClient): ChatContender {
  return {
    async call() {
      await client.chat.completions.create({ model: BENCH_MODEL, messages: BENCH_MESSAGES });
    },
    async stream(tokens, onChunk) {
      const stream = (await client.chat.completions.create(
        { model: BENCH_MODEL, messages: BENCH_MESSAGES, stream: true },
        { headers: completionTokensHeaders(tokens) },
      )) as AsyncIterable<unknown>;
      let count = 0;
      for await (const _chunk of stream) {
        count++;
        onChunk?.(count);
      }
      return count;
    },
  };
}
