import { describe, expect, it } from 'vitest';
import { definedOnly, readCompletionUsage } from './completion-usage.js';

describe('readCompletionUsage', () => {
  it('reads tokens, cached and reasoning tokens and server timings', () => {
    expect(
      readCompletionUsage({
        prompt_tokens: 1200,
        completion_tokens: 310,
        total_tokens: 1510,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 96 },
        queue_time: 0.0123,
        prompt_time: 0.045,
        completion_time: 0.62,
        total_time: 0.665,
      }),
    ).toEqual({
      usage: { inputTokens: 1200, outputTokens: 310, cachedInputTokens: 1024, reasoningTokens: 96 },
      serverTiming: { queueTime: 0.0123, promptTime: 0.045, completionTime: 0.62, totalTime: 0.665 },
    });
  });

  it('leaves out what the usage does not carry', () => {
    expect(readCompletionUsage({ prompt_tokens: 9, total_tokens: 9 })).toEqual({
      usage: { inputTokens: 9 },
      serverTiming: undefined,
    });
  });

  it('gives undefined for a value without token counts, never zero tokens', () => {
    expect(readCompletionUsage(undefined)).toBeUndefined();
    expect(readCompletionUsage(null)).toBeUndefined();
    expect(readCompletionUsage({ queue_time: 0.1 })).toBeUndefined();
    expect(readCompletionUsage({ prompt_tokens: '12' })).toBeUndefined();
  });
});

describe('definedOnly', () => {
  it('drops undefined properties and keeps falsy values', () => {
    expect(definedOnly({ a: 0, b: undefined, c: '', d: false })).toEqual({ a: 0, c: '', d: false });
    expect(Object.keys(definedOnly({ a: undefined }))).toEqual([]);
  });
});
