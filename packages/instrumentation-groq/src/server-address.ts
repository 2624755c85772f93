/** `server.address` and `server.port` of a client's `baseURL`. */
export interface ServerAddress {
  serverAddress?: string;
  serverPort?: number;
}

const DEFAULT_PORT_BY_PROTOCOL: Record<string, number> = { 'https:': 443, 'http:': 80 };

/**
 * Where a client sends its requests, from its `baseURL` (`https://api.groq.com` →
 * `api.groq.com`, 443). The port is the URL's own, else the scheme's default. A base URL that does
 * not parse gives nothing rather than a guess.
 */
export function serverAddressOf(baseURL: unknown): ServerAddress {
  if (typeof baseURL !== 'string') return {};
  // A client's base URL rarely changes: parse it once, not on every call (`new URL` is not cheap).
  if (baseURL !== lastBaseURL) {
    lastAddress = parseServerAddress(baseURL);
    lastBaseURL = baseURL;
  }
  return lastAddress;
}

let lastBaseURL: string | undefined;
let lastAddress: ServerAddress = {};

function parseServerAddress(baseURL: string): ServerAddress {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return {};
  }
  const port = url.port === '' ? DEFAULT_PORT_BY_PROTOCOL[url.protocol] : Number(url.port);
  const serverAddress = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return port === undefined ? { serverAddress } : { serverAddress, serverPort: port };
}
