import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyError, decodeContentEncoding, readRequestBody } from './request-body.js';

/** A request body stream with the headers `readRequestBody` looks at. */
function incoming(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), {
    headers,
  }) as unknown as IncomingMessage;
}

async function refusal(promise: Promise<unknown>): Promise<[number, string]> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BodyError);
  return [(error as BodyError).status, (error as BodyError).message];
}

describe('readRequestBody', () => {
  it('reads the whole body', async () => {
    const body = await readRequestBody(incoming(['{"resource', 'Spans":[]}']), 100);
    expect(body.toString()).toBe('{"resourceSpans":[]}');
  });

  it('refuses a body over the limit with 413, by Content-Length or while reading', async () => {
    const message = 'the body is larger than the limit of 10 bytes; export in smaller batches';
    expect(await refusal(readRequestBody(incoming(['x'], { 'content-length': '11' }), 10))).toEqual([
      413,
      message,
    ]);
    expect(await refusal(readRequestBody(incoming(['123456', '789012']), 10))).toEqual([413, message]);
  });
});

describe('decodeContentEncoding', () => {
  it('passes unencoded bodies through and inflates gzip', async () => {
    const body = Buffer.from('{"resourceMetrics":[]}');
    expect(await decodeContentEncoding(body, undefined, 100)).toBe(body);
    expect(await decodeContentEncoding(body, 'identity', 100)).toBe(body);
    expect(Buffer.from(await decodeContentEncoding(gzipSync(body), 'gzip', 100)).toString()).toBe(
      '{"resourceMetrics":[]}',
    );
  });

  it('refuses a body over the limit with 413 before inflating it', async () => {
    expect(await refusal(decodeContentEncoding(new Uint8Array(101), 'gzip', 100))).toEqual([
      413,
      'the body is larger than the limit of 100 bytes; export in smaller batches',
    ]);
  });

  it('refuses gzip that inflates past the limit with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(1_000_000));
    expect(bomb.byteLength).toBeLessThan(2000);
    expect(await refusal(decodeContentEncoding(bomb, 'gzip', 2000))).toEqual([
      413,
      'the inflated body is larger than the limit of 2000 bytes; export in smaller batches',
    ]);
  });

  it('refuses corrupt gzip with 400 and other encodings with 415', async () => {
    expect(await refusal(decodeContentEncoding(Buffer.from('not gzip'), 'gzip', 100))).toEqual([
      400,
      'the body is not valid gzip (incorrect header check)',
    ]);
    expect(await refusal(decodeContentEncoding(Buffer.from('x'), 'br', 100))).toEqual([
      415,
      'Content-Encoding "br" is not supported; send gzip or no encoding',
    ]);
  });
});
