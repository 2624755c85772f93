import { describe, expect, it } from 'vitest';
import { operationStartFromCall } from './call-facts.js';

const model = { provider: 'groq.chat', modelId: 'openai/gpt-oss-20b' };

describe('operationStartFromCall', () => {
  it('maps call options, Groq provider options and groqmeter attribution', () => {
    const params = {
      prompt: [],
      temperature: 0.2,
      maxOutputTokens: 256,
      topP: 0.9,
      topK: 40,
      frequencyPenalty: 0.1,
      presencePenalty: 0.3,
      stopSequences: ['END'],
      seed: 7,
      tools: [{ type: 'function', name: 'weather' }],
      responseFormat: { type: 'json' },
      providerOptions: {
        groq: { serviceTier: 'flex', reasoningEffort: 'low', user: 'u-1' },
        groqmeter: { feature: 'search', 'user.id': 'u-1', cost_center: 12, beta: true, nested: { no: 1 } },
      },
    };
    expect(operationStartFromCall(params, model, true)).toEqual({
      operation: 'chat',
      source: 'ai-sdk',
      requestModel: 'openai/gpt-oss-20b',
      stream: true,
      request: {
        temperature: 0.2,
        maxTokens: 256,
        topP: 0.9,
        topK: 40,
        frequencyPenalty: 0.1,
        presencePenalty: 0.3,
        stopSequences: ['END'],
        seed: 7,
        toolsCount: 1,
        outputType: 'json',
        serviceTier: 'flex',
        reasoningEffort: 'low',
      },
      attributes: { feature: 'search', 'user.id': 'u-1', cost_center: 12, beta: true },
    });
  });

  it('leaves out what the call does not set', () => {
    expect(operationStartFromCall({}, model, false)).toEqual({
      operation: 'chat',
      source: 'ai-sdk',
      requestModel: 'openai/gpt-oss-20b',
      stream: false,
      request: {},
      attributes: undefined,
    });
  });
});
