import { describe, expect, it } from 'vitest';
import { readChatRequest } from './chat-request.js';

describe('readChatRequest', () => {
  it('reads the model, the stream flag and the request parameters', () => {
    expect(
      readChatRequest({
        model: 'openai/gpt-oss-120b',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        temperature: 0.7,
        max_completion_tokens: 512,
        stop: 'END',
        service_tier: 'flex',
      }),
    ).toEqual({
      requestModel: 'openai/gpt-oss-120b',
      stream: true,
      request: { temperature: 0.7, maxTokens: 512, stopSequences: ['END'], serviceTier: 'flex' },
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
