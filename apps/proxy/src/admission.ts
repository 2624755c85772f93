import type { Attribution, GroqOperationName, RequestParameters } from '@groqmeter/recorder';

/** What is known about a request when it is admitted: enough to decide without reading the body again. */
export interface AdmissionRequest {
  method: string;
  /** The API path below `/openai/v1`, without the query string, e.g. `/chat/completions`. */
  path: string;
  /** Present when the request is a Groq operation the proxy meters. */
  operation?: GroqOperationName;
  requestModel?: string;
  stream?: boolean;
  request?: RequestParameters;
  /** The call's attribution (`x-groqmeter-*` headers, and `key_label` with `--key-label`). */
  attribution: Attribution;
}

/** Forward the request upstream, or answer it here (nothing goes upstream, nothing is metered). */
export type AdmissionDecision =
  | { action: 'forward' }
  | {
      action: 'respond';
      status: number;
      headers?: Record<string, string>;
      /** A string is sent as UTF-8; set `content-type` in `headers` (default `application/json`). */
      body: string | Uint8Array;
    };

/**
 * Decides, per request, whether it goes upstream. The proxy calls it after reading the request
 * (token, size limit and attribution already checked) and before anything is sent upstream; a
 * budget's hard limit plugs in here. It must not throw: a hook that throws (or rejects) answers
 * 500 and is logged, so that a broken hook never sends a request it meant to stop.
 */
export type AdmissionHook = (request: AdmissionRequest) => AdmissionDecision | Promise<AdmissionDecision>;

/** The default hook: every request is forwarded. */
export const FORWARD_EVERYTHING: AdmissionHook = () => ({ action: 'forward' });
