import { describe, expect, it } from 'vitest';
import { groqBodyFacts } from './groq-body.js';

describe('groqBodyFacts', () => {
  it('reads x_groq.id, service tier and the timings of a completion body', () => {
    const body = {
      id: 'chatcmpl-1',
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

  it('reads usage and timings of a final stream chunk from x_groq.usage', () => {
    const chunk = {
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      x_groq: {
        id: 'req_2',
        usage: {
          prompt_tokens: 7,
          completion_tokens: 3,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 2 },
          queue_time: 0.5,
          total_time: 0.6,
        },
      },
    };
    expect(groqBodyFacts(chunk)).toEqual({
      groqRequestId: 'req_2',
      serverTiming: { queueTime: 0.5, totalTime: 0.6 },
      usage: { inputTokens: 7, cachedInputTokens: 0, outputTokens: 3, reasoningTokens: 2 },
    });
  });

  it('finds nothing in a chunk without Groq fields', () => {
    expect(groqBodyFacts({ choices: [{ delta: { content: 'Hi' } }] })).toEqual({});
    expect(groqBodyFacts(undefined)).toEqual({});
  });
});
