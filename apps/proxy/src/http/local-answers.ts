import type { ServerResponse } from 'node:http';

/**
 * Answer a request from the proxy itself, in Groq's error shape (`{"error":{message,type,code}}`)
 * so that every SDK reports it as it reports Groq's own errors.
 */
export function sendProxyError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: { message, type: 'invalid_request_error', code } }, headers);
}

/** Send a small JSON answer. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}
