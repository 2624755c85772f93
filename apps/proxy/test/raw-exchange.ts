import { request } from 'node:http';

/** One HTTP exchange as the client saw it, byte for byte. */
export interface RawExchange {
  status: number;
  statusMessage: string;
  /** Every response header as sent, in order, without the ones about the connection itself. */
  headers: string[];
  body: Buffer;
  /** The body chunks as they arrived. */
  chunks: Buffer[];
}

/**
 * Headers that describe one connection or the second it was sent in, not the answer: each side
 * sets its own (`Date` is the server's clock, to the second).
 */
const PER_CONNECTION = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date']);

/** Send one request with exactly these headers and body, and keep everything the answer has. */
export function rawExchange(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const headers: string[] = [];
          for (let index = 0; index < response.rawHeaders.length; index += 2) {
            const name = response.rawHeaders[index] as string;
            if (!PER_CONNECTION.has(name.toLowerCase()))
              headers.push(name, response.rawHeaders[index + 1] as string);
          }
          resolve({
            status: response.statusCode ?? 0,
            statusMessage: response.statusMessage ?? '',
            headers,
            body: Buffer.concat(chunks),
            chunks,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** A multipart body and its content type, built by the platform's own FormData encoder. */
export async function multipartBody(fields: Record<string, string | Blob>, fileName = 'speech.wav') {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(key, value);
    else form.append(key, value, fileName);
  }
  const encoded = new Request('http://multipart.invalid/', { method: 'POST', body: form });
  return {
    body: new Uint8Array(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type') ?? '',
  };
}
