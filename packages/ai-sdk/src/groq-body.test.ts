import { readChatCompletionFacts } from '@groqmeter/recorder';
import { describe, expect, it } from 'vitest';
import { withGroqBodyFacts } from './groq-body.js';

const nothingNormalised = {
  responseId: undefined,
  responseModel: undefined,
  finishReasons: undefined,
  usage: undefined,
};

function groqFacts(body: unknown) {
  return withGroqBodyFacts(nothingNormalised, readChatCompletionFacts(body));
}

describe('withGroqBodyFacts', () => {
  it('takes x_groq.id, service tier, usage and timings of a completion body, not its id or model', () => {
    const body = {
      id: 'chatcmpl-1',
      model: 'openai/gpt-oss-20b',
      usage: {
        prompt_tokens: 7,
        completion_tokens: 5,
        queue_time: 0.02,
        prompt_time: 0.1,
        completion_time: 0.005,
        total_time: 0.105,
      },
      x_groq: { id: 'req_1' },
      service_tier: 'on_demand',
    };
    expect(groqFacts(body)).toStrictEqual({
      groqRequestId: 'req_1',
      serviceTier: 'on_demand',
      serverTiming: { queueTime: 0.02, promptTime: 0.1, completionTime: 0.005, totalTime: 0.105 },
      usage: { inputTokens: 7, outputTokens: 5 },
    });
  });

  it("passes on a compound system's per-model usage from the final stream chunk", () => {
    const usage = { prompt_tokens: 120, completion_tokens: 16 };
    const chunk = {
      id: 'chatcmpl-2',
      model: 'groq/compound',
      choices: [],
      x_groq: { id: 'req_3', usage, usage_breakdown: { models: [{ model: 'openai/gpt-oss-120b', usage }] } },
    };
    expect(groqFacts(chunk)).toStrictEqual({
      groqRequestId: 'req_3',
      usage: { inputTokens: 120, outputTokens: 16 },
      usageBreakdown: [{ model: 'openai/gpt-oss-120b', usage: { inputTokens: 120, outputTokens: 16 } }],
    });
  });

  it('finds nothing in a chunk without Groq fields', () => {
    expect(groqFacts({ choices: [{ delta: { content: 'Hi' } }] })).toStrictEqual({});
    expect(groqFacts(undefined)).toStrictEqual({});
  });

  it("keeps the AI SDK's id, model and finish reasons; Groq's token counts win field by field", () => {
    const normalised = {
      responseId: 'chatcmpl-9',
      responseModel: 'openai/gpt-oss-20b',
      finishReasons: ['stop'],
      usage: { inputTokens: 7, cachedInputTokens: 0, outputTokens: 3 },
    };
    const body = { id: 'other', model: 'other', usage: { prompt_tokens: 7, completion_tokens: 4 } };
    expect(withGroqBodyFacts(normalised, readChatCompletionFacts(body))).toStrictEqual({
      responseId: 'chatcmpl-9',
      responseModel: 'openai/gpt-oss-20b',
      finishReasons: ['stop'],
      usage: { inputTokens: 7, cachedInputTokens: 0, outputTokens: 4 },
    });
  });
});
