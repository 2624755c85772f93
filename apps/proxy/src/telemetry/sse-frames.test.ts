import { describe, expect, it } from 'vitest';
import { type SseFrame, SseFrameReader } from './sse-frames.js';

function framesOf(chunks: (string | Uint8Array)[]): SseFrame[] {
  const frames: SseFrame[] = [];
  const reader = new SseFrameReader((frame) => frames.push(frame));
  for (const chunk of chunks)
    reader.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  reader.end();
  return frames;
}

describe('SseFrameReader', () => {
  it('reads frames whatever the chunk boundaries', () => {
    const stream = 'data: {"a":1}\n\nevent: error\ndata: {"error":{}}\n\ndata: [DONE]\n\n';
    const expected = [
      { event: undefined, data: '{"a":1}' },
      { event: 'error', data: '{"error":{}}' },
      { event: undefined, data: '[DONE]' },
    ];
    expect(framesOf([stream])).toEqual(expected);
    expect(framesOf([...stream])).toEqual(expected);
    expect(framesOf([stream.slice(0, 9), stream.slice(9, 20), stream.slice(20)])).toEqual(expected);
  });

  it('takes CRLF line ends, joins multi-line data, skips comments and other fields', () => {
    expect(framesOf([': keep-alive\r\nid: 7\r\nretry: 10\r\ndata: one\r\ndata:two\r\n\r\n'])).toEqual([
      { event: undefined, data: 'one\ntwo' },
    ]);
  });

  it('keeps a multi-byte character cut between two chunks, and hands on a last frame without its blank line', () => {
    const bytes = new TextEncoder().encode('data: "Grüße"\n\ndata: "end"');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(framesOf([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([
      { event: undefined, data: '"Grüße"' },
      { event: undefined, data: '"end"' },
    ]);
  });
});
