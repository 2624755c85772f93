import { describe, expect, it } from 'vitest';
import { resolveCaptureMessageContent, serializeContent } from './content-capture.js';

describe('resolveCaptureMessageContent', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['true', true],
    ['TRUE', true],
    [' true ', true],
    ['false', false],
    ['SPAN_ONLY', true],
    ['SPAN_AND_EVENT', true],
    ['EVENT_ONLY', false],
    ['NO_CONTENT', false],
    ['yes', false],
  ])('env %j gives %s', (env, expected) => {
    expect(resolveCaptureMessageContent(undefined, env)).toBe(expected);
  });

  it('lets the option override the environment both ways', () => {
    expect(resolveCaptureMessageContent(false, 'true')).toBe(false);
    expect(resolveCaptureMessageContent(true, 'NO_CONTENT')).toBe(true);
  });
});

describe('serializeContent', () => {
  it('serialises structured content to JSON and keeps strings as they are', () => {
    expect(serializeContent([{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }])).toBe(
      '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]',
    );
    expect(serializeContent('[{"type":"text"}]')).toBe('[{"type":"text"}]');
    expect(serializeContent(undefined)).toBeUndefined();
  });

  it('leaves out content JSON cannot represent', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(serializeContent(cyclic)).toBeUndefined();
    expect(serializeContent({ big: 1n })).toBeUndefined();
  });
});
