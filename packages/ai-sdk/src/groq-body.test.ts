import { describe, expect, it } from 'vitest';
import { groqBodyFacts } from './groq-body.js';

describe('groqBodyFacts', () => {
  it('reads x_groq.id, service tier, usage and timings of a completion body, not its id or model', () => {
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
    expect(groqBodyFacts(body)).toEqual({
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
    expect(groqBodyFacts(chunk)).toEqual({
      groqRequestId: 'req_3',
      usage: { inputTokens: 120, outputTokens: 16 },
      usageBreakdown: [{ model: 'openai/gpt-oss-120b', usage: { inputTokens: 120, outputTokens: 16 } }],
    });
  });

  it('finds nothing in a chunk without Groq fields', () => {
    expect(groqBodyFacts({ choices: [{ delta: { content: 'Hi' } }] })).toEqual({});
    expect(groqBodyFacts(undefined)).toEqual({});
  });
});
