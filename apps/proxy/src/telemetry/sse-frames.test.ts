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

/** The frames a reader hands on, and the `data:` values it offered undecoded (taking every one). */
function offeredOf(chunks: string[], take: (value: string) => boolean = () => true) {
  const frames: SseFrame[] = [];
  const offered: string[] = [];
  const reader = new SseFrameReader(
    (frame) => frames.push(frame),
    (bytes, start, end) => {
      const value = bytes.toString('utf8', start, end);
      offered.push(value);
      return take(value);
    },
  );
  for (const chunk of chunks) reader.push(Buffer.from(chunk));
  reader.end();
  return { frames, offered };
}

describe('SseFrameReader, frames offered undecoded', () => {
  it('offers a frame that is one data line with its blank line in the same chunk, LF or CRLF', () => {
    expect(offeredOf(['data: {"a":1}\n\ndata:{"b":2}\r\n\r\n'])).toEqual({
      frames: [],
      offered: ['{"a":1}', '{"b":2}'],
    });
  });

  it('decodes what the handler does not take, as without one', () => {
    const stream = 'data: {"a":1}\n\ndata: [DONE]\n\n';
    expect(offeredOf([stream], (value) => value !== '[DONE]')).toEqual({
      frames: [{ event: undefined, data: '[DONE]' }],
      offered: ['{"a":1}', '[DONE]'],
    });
  });

  it('never offers a frame with an event, several data lines, a comment or field inside it, or its blank line in a later chunk', () => {
    const { frames, offered } = offeredOf([
      'event: error\ndata: {"error":{}}\n\n',
      'data: one\ndata: two\n\n',
      'data: x\n: comment\n\n',
      'data: y\nid: 7\n\n',
      'data: {"split"',
      ':1}\n\ndata: {"blank line in the next chunk":1}\n',
      '\n',
    ]);
    // A frame cut by a chunk's end is offered once the next chunk completes it.
    expect(offered).toEqual(['{"split":1}']);
    expect(frames).toEqual([
      { event: 'error', data: '{"error":{}}' },
      { event: undefined, data: 'one\ntwo' },
      { event: undefined, data: 'x' },
      { event: undefined, data: 'y' },
      { event: undefined, data: '{"blank line in the next chunk":1}' },
    ]);
  });

  it('offers frames after comments and other fields between frames, and skips a leading byte-order mark', () => {
    expect(offeredOf(['\uFEFF: keep-alive\n\nretry: 10\n\ndata: {"a":1}\n\n'])).toEqual({
      frames: [],
      offered: ['{"a":1}'],
    });
    expect(framesOf([new Uint8Array([0xef]), new Uint8Array([0xbb, 0xbf]), 'data: 1\n\n'])).toEqual([
      { event: undefined, data: '1' },
    ]);
  });
});
