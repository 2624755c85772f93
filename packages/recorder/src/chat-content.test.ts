import { describe, expect, it } from 'vitest';
import { chatInputContent } from './chat-content.js';

describe('chatInputContent', () => {
  it('turns chat messages and tools into the GenAI conventions shape', () => {
    expect(
      chatInputContent({
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this chart?' },
              { type: 'image_url', image_url: { url: 'https://example.com/chart.png' } },
            ],
          },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'read_chart', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: '{"bars":3}' },
        ],
        tools: [
          {
            type: 'function',
            function: { name: 'read_chart', description: 'Reads a chart', parameters: { type: 'object' } },
          },
        ],
      }),
    ).toEqual({
      inputMessages: [
        { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'What is in this chart?' },
            { type: 'uri', modality: 'image', uri: 'https://example.com/chart.png' },
          ],
        },
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_1', name: 'read_chart', arguments: '{}' }],
        },
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: '{"bars":3}' }] },
      ],
      toolDefinitions: [
        {
          type: 'function',
          name: 'read_chart',
          description: 'Reads a chart',
          parameters: { type: 'object' },
        },
      ],
    });
  });

  it('leaves tool definitions out when the request has none', () => {
    expect(chatInputContent({ messages: [{ role: 'user', content: 'hi' }] })).toEqual({
      inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
    });
  });
});
