import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request body read whole, or the fact that it is over the limit. */
export type RequestBody = { tooLarge: false; bytes: Buffer } | { tooLarge: true };

/**
 * Read a request body up to `limit` bytes. A `Content-Length` above the limit is refused before a
 * byte is read; a body that grows past it while arriving (chunked) is refused as soon as it does.
 * A client that waits for `100 Continue` gets it only when its declared body fits.
 * The body is read whole because Groq requests are small and the telemetry needs the model and
 * parameters before the request goes upstream; answers are never held back.
 */
export function readRequestBody(
  request: IncomingMessage,
  response: ServerResponse,
  limit: number,
): Promise<RequestBody> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ tooLarge: true });
  if (String(request.headers.expect).toLowerCase() === '100-continue') response.writeContinue();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer): void => {
      length += chunk.length;
      if (length > limit) {
        request.off('data', onData);
        resolve({ tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve({ tooLarge: false, bytes: Buffer.concat(chunks, length) }));
    request.once('error', reject);
  });
}
