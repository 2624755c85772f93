import type { OperationStats } from '@groqmeter/groq-simulator';
import { defaultPriceBook, toUsdNumber } from '@groqmeter/pricing';
import { describe, expect, it } from 'vitest';
import { expectedValues, type Traffic } from './expected-values.js';

function operation(values: Partial<OperationStats>): OperationStats {
  return {
    requests: {},
    promptTokens: 0,
    cachedTokens: 0,
    completionTokens: 0,
    reasoningTokens: 0,
    audioSeconds: 0,
    audioBilledSeconds: 0,
    speechCharacters: 0,
    faults: {},
    clientAborts: 0,
    toolCalls: {},
    batchRequests: 0,
    ...values,
  };
}

const traffic: Traffic = {
  stats: {
    models: {
      'openai/gpt-oss-20b': {
        chat: operation({
          requests: { '200': 3, '429': 1 },
          promptTokens: 400,
          cachedTokens: 128,
          completionTokens: 96,
        }),
      },
      'whisper-large-v3-turbo': {
        transcription: operation({ requests: { '200': 1 }, audioSeconds: 4, audioBilledSeconds: 10 }),
      },
    },
  },
  limitsOf: (model) =>
    model === 'openai/gpt-oss-20b' ? { requestsPerDay: 6, tokensPerMinute: 1000 } : { requestsPerDay: 2000 },
  nonChatTokens: {},
  builtInToolCalls: {},
  monthlyBudgetUsd: 1,
  rangeSeconds: 3600,
  evaluationTime: Date.UTC(2026, 1, 10) / 1000,
};

const usd = (model: string, usage: Parameters<typeof defaultPriceBook.price>[1]) => {
  const price = defaultPriceBook.price(model, usage);
  if (!price.known) throw new Error(price.reason);
  return toUsdNumber(price.total);
};

describe('expectedValues', () => {
  const expected = expectedValues(traffic);
  const chatSpend = usd('openai/gpt-oss-20b', { inputTokens: 400, cachedInputTokens: 128, outputTokens: 96 });
  const audioSpend = usd('whisper-large-v3-turbo', { audioSeconds: 10 });

  it('prices what the simulator served, audio after its 10 s minimum', () => {
    expect(expected.spend).toEqual({ kind: 'total', value: chatSpend + audioSpend });
    expect(expected.audio_speech_spend).toEqual({ kind: 'total', value: audioSpend });
    expect(expected.audio_billed_minutes).toEqual({ kind: 'total', value: 10 / 60 });
  });

  it('forecasts over the days of the evaluation month (February 2026: 28)', () => {
    expect(expected.spend_forecast).toEqual({
      kind: 'total',
      value: ((chatSpend + audioSpend) * 28 * 86_400) / 3600,
    });
  });

  it('counts tokens of chat answers only', () => {
    expect(expected.input_tokens).toEqual({ kind: 'total', value: 400 });
    expect(expected.output_tokens).toEqual({ kind: 'total', value: 96 });
  });

  it('charges admitted requests and their uncached tokens to the budgets, not the 429', () => {
    expect(expected.ratelimit_remaining).toEqual({
      kind: 'by',
      labels: ['model', 'resource'],
      values: new Map([
        ['openai/gpt-oss-20b|requests', 3],
        ['openai/gpt-oss-20b|tokens', 1000 - (400 - 128 + 96)],
        ['whisper-large-v3-turbo|requests', 1999],
      ]),
    });
    expect(expected.lowest_headroom).toEqual({ kind: 'minimum', value: 0.5 });
    expect(expected.ratelimit_hits).toEqual({ kind: 'total', value: 1 });
  });

  it('narrows everything to one model', () => {
    const whisper = expectedValues(traffic, 'whisper-large-v3-turbo');
    expect(whisper.spend).toEqual({ kind: 'total', value: audioSpend });
    expect(whisper.input_tokens).toEqual({ kind: 'total', value: 0 });
    expect(whisper.lowest_headroom).toEqual({ kind: 'minimum', value: 1999 / 2000 });
  });
});
