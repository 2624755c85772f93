import { describe, expect, it } from 'vitest';
import { mergedUsage, usageFromLanguageModelUsage } from './language-model-usage.js';

describe('usageFromLanguageModelUsage', () => {
  it('reads the nested spec v3/v4 shape (ai 6 and 7)', () => {
    const usage = {
      inputTokens: { total: 120, noCache: 20, cacheRead: 100, cacheWrite: undefined },
      outputTokens: { total: 40, text: 24, reasoning: 16 },
      raw: { prompt_tokens: 120 },
    };
    expect(usageFromLanguageModelUsage(usage)).toEqual({
      inputTokens: 120,
      cachedInputTokens: 100,
      outputTokens: 40,
      reasoningTokens: 16,
    });
  });

  it('adds up the split when a provider reports no input total', () => {
    const usage = {
      inputTokens: { total: undefined, noCache: 30, cacheRead: 10 },
      outputTokens: { total: 5, text: 5, reasoning: undefined },
    };
    expect(usageFromLanguageModelUsage(usage)).toEqual({
      inputTokens: 40,
      cachedInputTokens: 10,
      outputTokens: 5,
    });
  });

  it('reads the flat spec v2 shape (ai 5)', () => {
    const usage = {
      inputTokens: 9,
      outputTokens: 3,
      totalTokens: 12,
      reasoningTokens: 1,
      cachedInputTokens: 4,
    };
    expect(usageFromLanguageModelUsage(usage)).toEqual({
      inputTokens: 9,
      cachedInputTokens: 4,
      outputTokens: 3,
      reasoningTokens: 1,
    });
  });

  it('is undefined when no count was reported in either shape', () => {
    expect(
      usageFromLanguageModelUsage({
        inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined },
        outputTokens: { total: undefined, text: undefined, reasoning: undefined },
      }),
    ).toBeUndefined();
    expect(usageFromLanguageModelUsage({ inputTokens: undefined, outputTokens: undefined })).toBeUndefined();
    expect(usageFromLanguageModelUsage(undefined)).toBeUndefined();
  });
});

describe('mergedUsage', () => {
  it("takes Groq's counts field by field and fills the gaps from the AI SDK's", () => {
    // @ai-sdk/groq 2 (ai 5) reports no reasoning tokens; Groq's raw usage does.
    expect(
      mergedUsage(
        { inputTokens: 7, outputTokens: 5 },
        { inputTokens: 7, outputTokens: 5, reasoningTokens: 4 },
      ),
    ).toEqual({ inputTokens: 7, outputTokens: 5, reasoningTokens: 4 });
    expect(mergedUsage({ inputTokens: 7, cachedInputTokens: 0 }, { inputTokens: 7 })).toEqual({
      inputTokens: 7,
      cachedInputTokens: 0,
    });
  });

  it('uses whichever side exists, and nothing when neither does', () => {
    expect(mergedUsage(undefined, { outputTokens: 1 })).toEqual({ outputTokens: 1 });
    expect(mergedUsage({ outputTokens: 2 }, undefined)).toEqual({ outputTokens: 2 });
    expect(mergedUsage(undefined, undefined)).toBeUndefined();
  });
});
