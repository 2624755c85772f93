import { describe, expect, it } from 'vitest';
import { WIRE_SERVER_TIMING, WIRE_USAGE, WIRE_USAGE_FACTS } from '../test/fixtures.js';
import { readCompletionUsage, readServerTiming, readTranscriptionUsage } from './completion-usage.js';

describe('readCompletionUsage', () => {
  it('reads tokens, cached and reasoning tokens', () => {
    expect(readCompletionUsage(WIRE_USAGE)).toEqual(WIRE_USAGE_FACTS);
  });

  it('leaves out what the usage does not carry', () => {
    expect(readCompletionUsage({ prompt_tokens: 9, total_tokens: 9 })).toEqual({ inputTokens: 9 });
  });

  it('gives undefined for a value without token counts, never zero tokens', () => {
    expect(readCompletionUsage(undefined)).toBeUndefined();
    expect(readCompletionUsage(null)).toBeUndefined();
    expect(readCompletionUsage({ queue_time: 0.1 })).toBeUndefined();
    expect(readCompletionUsage({ prompt_tokens: '12' })).toBeUndefined();
    expect(readCompletionUsage({ dram_cached_tokens: 0, sram_cached_tokens: 0 })).toBeUndefined();
  });
});

describe('readServerTiming', () => {
  it('reads the four timings in seconds', () => {
    expect(readServerTiming(WIRE_USAGE)).toEqual(WIRE_SERVER_TIMING);
  });

  it('reads the timings present (ChatGroq keeps them apart in response_metadata.timing)', () => {
    expect(readServerTiming({ queue_time: 0.5, total_time: 0.6, completion_time: null })).toEqual({
      queueTime: 0.5,
      totalTime: 0.6,
    });
  });

  it('gives undefined when no timing is there', () => {
    expect(readServerTiming({ prompt_tokens: 3 })).toBeUndefined();
    expect(readServerTiming(undefined)).toBeUndefined();
  });
});

describe('OpenAI usage shapes', () => {
  it('reads audio tokens of a chat usage, and leaves out the zeros OpenAI sends on text calls', () => {
    expect(
      readCompletionUsage({
        prompt_tokens: 120,
        completion_tokens: 80,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 100 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
      }),
    ).toEqual({
      inputTokens: 120,
      outputTokens: 80,
      cachedInputTokens: 0,
      reasoningTokens: 0,
      audioInputTokens: 100,
    });
  });

  it("reads an Assistants run's prompt_token_details", () => {
    expect(
      readCompletionUsage({
        prompt_tokens: 16,
        completion_tokens: 24,
        prompt_token_details: { cached_tokens: 8 },
      }),
    ).toEqual({ inputTokens: 16, outputTokens: 24, cachedInputTokens: 8 });
  });

  it('reads a transcription usage by tokens or by duration', () => {
    expect(
      readTranscriptionUsage({
        type: 'tokens',
        input_tokens: 125,
        input_token_details: { text_tokens: 0, audio_tokens: 125 },
        output_tokens: 11,
      }),
    ).toEqual({ inputTokens: 125, outputTokens: 11, audioInputTokens: 125 });
    expect(readTranscriptionUsage({ type: 'duration', seconds: 13 })).toEqual({ audioSeconds: 13 });
    expect(readTranscriptionUsage(undefined)).toBeUndefined();
  });
});
