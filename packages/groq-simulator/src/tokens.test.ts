import { describe, expect, it } from 'vitest';
import { countMessageTokens, countPromptTokens, countTokens } from './tokens';

describe('countTokens', () => {
  it('is ceil(length / 4)', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('Hi')).toBe(1);
    expect(countTokens('Hello')).toBe(2);
    expect(countTokens('x'.repeat(400))).toBe(100);
  });
});

describe('countMessageTokens', () => {
  it('adds 4 tokens of overhead to the text of a string message', () => {
    expect(countMessageTokens({ role: 'user', content: 'Hello there' })).toBe(4 + 3);
  });

  it('joins text parts and counts 85 tokens per other part', () => {
    const message = {
      role: 'user',
      content: [
        { type: 'text', text: 'abcd' },
        { type: 'image_url', image_url: { url: 'data:' } },
        { type: 'text', text: 'efgh' },
      ],
    };
    expect(countMessageTokens(message)).toBe(4 + 2 + 85);
  });

  it('counts the name and arguments of assistant tool calls', () => {
    const message = {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'c', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
      ],
    };
    expect(countMessageTokens(message)).toBe(4 + countTokens('weather{"city":"Oslo"}'));
  });
});

describe('countPromptTokens', () => {
  it('sums the messages and adds the JSON of the tools', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }];
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ];
    expect(countPromptTokens(messages)).toBe(4 + 3 + 4 + 2);
    expect(countPromptTokens(messages, tools)).toBe(13 + countTokens(JSON.stringify(tools)));
    expect(countPromptTokens(messages, [])).toBe(13);
  });
});
