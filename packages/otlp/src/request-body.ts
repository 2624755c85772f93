import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** Why a request body was refused before decoding, with the HTTP status to answer. */
export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a request body of at most `maxBytes`, refusing early on a larger `Content-Length`.
 *
 * @throws {BodyError} 413 when the body is larger than `maxBytes`.
 */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge('body', maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw tooLarge('body', maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Undoes `Content-Encoding` (none, `identity` or `gzip`), taking at most `maxBytes` before and
 * after inflating.
 *
 * @throws {BodyError} 413 when the body is too large, before or after inflating; 415 for another
 *   encoding; 400 when the gzip stream is corrupt.
 */
export async function decodeContentEncoding(
  body: Uint8Array,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  if (body.byteLength > maxBytes) throw tooLarge('body', maxBytes);
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip') {
    throw new BodyError(
      415,
      `Content-Encoding ${JSON.stringify(encoding.slice(0, 40))} is not supported; send gzip or no encoding`,
    );
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge('inflated body', maxBytes);
    throw new BodyError(400, `the body is not valid gzip (${(error as Error).message})`);
  }
}

function tooLarge(what: 'body' | 'inflated body', maxBytes: number): BodyError {
  return new BodyError(
    413,
    `the ${what} is larger than the limit of ${maxBytes} bytes; export in smaller batches`,
  );
}
