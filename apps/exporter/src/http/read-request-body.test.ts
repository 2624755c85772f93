import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyError, decodeContentEncoding } from './read-request-body.js';

describe('decodeContentEncoding', () => {
  it('passes unencoded bodies through and inflates gzip', async () => {
    const body = Buffer.from('{"resourceMetrics":[]}');
    expect(await decodeContentEncoding(body, undefined, 100)).toBe(body);
    expect(await decodeContentEncoding(body, 'identity', 100)).toBe(body);
    expect((await decodeContentEncoding(gzipSync(body), 'gzip', 100)).toString()).toBe(
      '{"resourceMetrics":[]}',
    );
  });

  it('refuses gzip that inflates past the limit with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(1_000_000));
    const error = await decodeContentEncoding(bomb, 'gzip', 1000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BodyError);
    expect((error as BodyError).status).toBe(413);
  });

  it('refuses corrupt gzip with 400 and other encodings with 415', async () => {
    const corrupt = await decodeContentEncoding(Buffer.from('not gzip'), 'gzip', 100).catch(
      (caught: unknown) => caught,
    );
    expect([(corrupt as BodyError).status, (corrupt as BodyError).message]).toEqual([
      400,
      'the body is not valid gzip (incorrect header check)',
    ]);
    const brotli = await decodeContentEncoding(Buffer.from('x'), 'br', 100).catch(
      (caught: unknown) => caught,
    );
    expect([(brotli as BodyError).status, (brotli as BodyError).message]).toEqual([
      415,
      'Content-Encoding "br" is not supported; send gzip or no encoding',
    ]);
  });
});
