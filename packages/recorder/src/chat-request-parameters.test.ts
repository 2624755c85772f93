import { describe, expect, it } from 'vitest';
import { readChatRequestParameters } from './chat-request-parameters.js';

describe('readChatRequestParameters', () => {
  it('reads every request parameter the conventions name', () => {
    expect(
      readChatRequestParameters({
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
    });
  });

  it('takes the deprecated max_tokens, a single stop string, json_object and a text format', () => {
    expect(
      readChatRequestParameters({
        max_tokens: 64,
        stop: 'END',
        response_format: { type: 'text' },
        tools: [],
      }),
    ).toEqual({ maxTokens: 64, stopSequences: ['END'], outputType: 'text' });
    expect(readChatRequestParameters({ response_format: { type: 'json_object' } })).toEqual({
      outputType: 'json',
    });
  });

  it('copes with parameters that are missing or of the wrong type', () => {
    expect(readChatRequestParameters(undefined)).toEqual({});
    expect(
      readChatRequestParameters({ temperature: 'hot', stop: [1, 2], tools: 'all', response_format: 'json' }),
    ).toEqual({});
  });
});
