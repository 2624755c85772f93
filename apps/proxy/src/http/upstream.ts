import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** The upstream API the proxy forwards to, with one keep-alive connection pool. */
export interface Upstream {
  /** `host[:port]` for the `Host` header. */
  readonly host: string;
  /** `server.address` and `server.port` of the recorded operations. */
  readonly serverAddress: string;
  readonly serverPort: number;
  /**
   * Send one request: `apiPath` (with its query string) is appended to the upstream base path.
   * `onResponse` gets the answer's head as soon as it arrives; its body is the caller's to read.
   */
  send(
    method: string,
    apiPath: string,
    headers: string[],
    body: Buffer | undefined,
    onResponse: (response: IncomingMessage) => void,
  ): ClientRequest;
  /** Close the pooled connections. */
  close(): void;
}

/** An upstream for an `http(s)://host[:port]/base/path` base URL (`https://api.groq.com/openai/v1`). */
export function createUpstream(baseUrl: string): Upstream {
  const url = new URL(baseUrl);
  const secure = url.protocol === 'https:';
  const basePath = url.pathname.replace(/\/+$/, '');
  const serverPort = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
  // keepAlive: a connection (and its TLS session) is reused across calls, as an SDK's own pool would.
  // Node's agents already set TCP_NODELAY on each socket they open (noDelay defaults to true).
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, scheduling: 'lifo' })
    : new HttpAgent({ keepAlive: true, scheduling: 'lifo' });
  const send = secure ? httpsRequest : httpRequest;
  return {
    host: url.host,
    serverAddress: url.hostname,
    serverPort,
    send(method, apiPath, headers, body, onResponse) {
      const request = send(
        {
          protocol: url.protocol,
          hostname: url.hostname,
          port: serverPort,
          method,
          path: basePath + apiPath,
          headers,
          agent,
          setHost: false,
        },
        onResponse,
      );
      request.end(body);
      return request;
    },
    close() {
      agent.destroy();
    },
  };
}
