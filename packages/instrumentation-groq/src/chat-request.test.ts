import { describe, expect, it } from 'vitest';
import { readChatRequest } from './chat-request.js';

describe('readChatRequest', () => {
  it('reads every request parameter the conventions name', () => {
    expect(
      readChatRequest({
        model: 'openai/gpt-oss-120b',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        temperature: 0.7,
        max_completion_tokens: 512,
        max_tokens: 99,
        top_p: 0.95,
        frequency_penalty: 0.1,
        presence_penalty: -0.2,
        stop: ['END', 'STOP'],
        seed: 42,
        n: 2,
        tools: [
          { type: 'function', function: { name: 'a' } },
          { type: 'function', function: { name: 'b' } },
        ],
        response_format: { type: 'json_schema', json_schema: { name: 'x' } },
        service_tier: 'flex',
        reasoning_effort: 'high',
      }),
    ).toEqual({
      requestModel: 'openai/gpt-oss-120b',
      stream: true,
      request: {
        temperature: 0.7,
        maxTokens: 512,
        topP: 0.95,
        frequencyPenalty: 0.1,
        presencePenalty: -0.2,
        stopSequences: ['END', 'STOP'],
        seed: 42,
        choiceCount: 2,
        toolsCount: 2,
        outputType: 'json',
        serviceTier: 'flex',
        reasoningEffort: 'high',
      },
    });
  });

  it('takes the deprecated max_tokens, a single stop string and a text format', () => {
    expect(
      readChatRequest({
        model: 'm',
        max_tokens: 64,
        stop: 'END',
        response_format: { type: 'text' },
        tools: [],
      }),
    ).toEqual({
      requestModel: 'm',
      stream: false,
      request: { maxTokens: 64, stopSequences: ['END'], outputType: 'text' },
    });
  });

  it('copes with parameters that are missing or of the wrong type', () => {
    expect(readChatRequest(undefined)).toEqual({ requestModel: undefined, stream: false, request: {} });
    expect(readChatRequest({ model: 7, temperature: 'hot', stop: [1, 2], stream: 'yes' })).toEqual({
      requestModel: undefined,
      stream: false,
      request: {},
    });
  });
});
