import { describe, expect, it } from 'vitest';
import { hasChatImageInput, hasResponsesImageInput } from './image-input.js';

const text = (content: string) => ({ role: 'user', content });

describe('hasChatImageInput', () => {
  it('finds an image_url part in any message, past a long text history', () => {
    const history = Array.from({ length: 50 }, (_, index) => text(`message ${index}`));
    const image = {
      role: 'user',
      content: [
        { type: 'text', text: 'what is this?' },
        { type: 'image_url', image_url: { url: 'https://example.com/receipt.png' } },
      ],
    };
    expect(hasChatImageInput({ messages: [...history, image] })).toBe(true);
    expect(hasChatImageInput({ messages: history })).toBe(false);
  });

  it('is false for parts of other types and for shapes that are not a chat request', () => {
    expect(hasChatImageInput({ messages: [{ content: [{ type: 'text' }, { type: 7 }, null, 'x'] }] })).toBe(
      false,
    );
    expect(hasChatImageInput({ messages: [{ content: [{ type: 'input_image' }] }] })).toBe(false);
    expect(hasChatImageInput({ messages: 'hi' })).toBe(false);
    expect(hasChatImageInput({ messages: [null, 3, { content: null }] })).toBe(false);
    expect(hasChatImageInput(undefined)).toBe(false);
  });
});

describe('hasResponsesImageInput', () => {
  it('finds an input_image part in the input items, and nothing else', () => {
    expect(
      hasResponsesImageInput({
        input: [{ role: 'user', content: [{ type: 'input_text', text: 'x' }, { type: 'input_image' }] }],
      }),
    ).toBe(true);
    expect(hasResponsesImageInput({ input: [{ content: [{ type: 'image_url' }] }] })).toBe(false);
    expect(hasResponsesImageInput({ input: 'describe this' })).toBe(false);
  });
});
