import type { LogLevel } from '@groqmeter/service-kit';

/** How much the proxy logs (the service kit's levels); `silent` logs nothing. */
export type { LogLevel };

/** Everything the proxy runs with. {@link DEFAULT_PROXY_CONFIG} holds the defaults. */
export interface ProxyConfig {
  /** Interface to listen on. Loopback by default; `0.0.0.0` exposes the proxy (and its users' keys) to the network. */
  host: string;
  /** Port to listen on; 0 picks a free port. */
  port: number;
  /**
   * Where `/openai/v1/*` is forwarded: the OpenAI-compatible base URL of Groq (or of a stand-in such
   * as the simulator). `/openai/v1/chat/completions` goes to `${upstream}/chat/completions`.
   */
  upstream: string;
  /** When set, clients must send `Proxy-Authorization: Bearer <token>`; compared in constant time. */
  proxyToken?: string;
  /** Largest request body forwarded; a larger one is answered 413 before anything goes upstream. */
  maxBodyBytes: number;
  /** Record a short, non-reversible fingerprint of each caller's API key as the `key_label` attribute. */
  keyLabel: boolean;
  /** Secret of the key fingerprint (HMAC-SHA-256); set it to keep fingerprints from matching another deployment's. */
  keyLabelSecret: string;
  /** Attribution keys that become metric labels (the recorder's allow-list); `key_label` is added with `keyLabel`. */
  labelAttributes: string[];
  /** Distinct label sets per metric before new attribution values go to `__overflow__`. */
  seriesCap: number;
  /** Record message content on spans (off by default; `OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT` also turns it on). */
  captureMessageContent: boolean;
  /** Also write one ledger row per operation: `sqlite:PATH` or `postgres://USER:PASSWORD@HOST:PORT/DB`. */
  ledgerDb?: string;
  /** How long shutdown waits for requests in flight (streams included) before cutting them. */
  shutdownTimeoutSeconds: number;
  /** Longest an upstream exchange may take, from sending the request to the last byte of the answer. */
  upstreamTimeoutSeconds: number;
  logLevel: LogLevel;
  /**
   * A budgets file (the exporter's `--budgets FILE`): requests in the scope of a budget with
   * `enforce: true` are refused with a Groq-shaped 429 while its spend this period is at its `usd`.
   */
  budgetsFile?: string;
  /** The exporter's `/metrics` URL: its budget spend (every proxy's and app's) counts when larger than this proxy's own. */
  budgetsExporterUrl?: string;
}

/** The proxy's defaults: loopback, Groq's OpenAI-compatible API, no token, 32 MiB bodies. */
export const DEFAULT_PROXY_CONFIG: Readonly<ProxyConfig> = Object.freeze({
  host: '127.0.0.1',
  port: 8787,
  upstream: 'https://api.groq.com/openai/v1',
  maxBodyBytes: 32 * 1024 * 1024,
  keyLabel: false,
  keyLabelSecret: 'groqmeter-proxy',
  labelAttributes: ['feature', 'platform', 'tenant_tier'],
  seriesCap: 1000,
  captureMessageContent: false,
  shutdownTimeoutSeconds: 10,
  upstreamTimeoutSeconds: 600,
  logLevel: 'info',
});
