import { COMPLETION_TOKENS_HEADER } from '@groqmeter/groq-simulator';

/** The model every chat benchmark calls: in the simulator's catalogue and in the price book. */
export const BENCH_MODEL = 'openai/gpt-oss-20b';

/** The prompt every chat benchmark sends (7 prompt tokens in the simulator). */
export const BENCH_PROMPT = 'Hello there';

export const BENCH_MESSAGES = [{ role: 'user' as const, content: BENCH_PROMPT }];

/** Request headers that make the simulator answer with exactly `tokens` completion tokens. */
export function completionTokensHeaders(tokens: number): Record<string, string> {
  return { [COMPLETION_TOKENS_HEADER]: String(tokens) };
}

/**
 * Simulator settings for benchmarks: no simulated delay, and rate-limit budgets too large to
 * run out during a run (the `x-ratelimit-*` headers are still sent and still parsed).
 */
export const BENCH_SIMULATOR_OPTIONS = {
  port: 0,
  timeScale: 0,
  models: {
    [BENCH_MODEL]: { limits: { requestsPerDay: 1_000_000_000_000, tokensPerMinute: 1_000_000_000_000 } },
  },
};
