import type { IncomingMessage, ServerResponse } from 'node:http';
import { type GroqErrorResponse, invalidRequest, payloadTooLarge } from './groq-errors';
import type { StatsRecorder } from './stats-recorder';
import type { SimulatorOperation } from './types';

/** What an exchange needs from the running simulator. */
export interface ExchangeServices {
  stats: StatsRecorder;
  timeScale: number;
  /** `x-ratelimit-*` headers for a model (or the default headline model when undefined). */
  rateLimitHeaders(model: string | undefined): Record<string, string>;
}

/** The largest request body accepted (Groq's paid-plan audio upload limit is 100 MB). */
export const MAX_BODY_BYTES = 100 * 1024 * 1024;

class BodyTooLargeError extends Error {}

/**
 * One request and its response. It adds the headers every Groq response carries
 * (`x-request-id`, `x-ratelimit-*`), records the status in the stats, and knows when the client
 * has gone away.
 */
export class Exchange {
  /** The model the response is about; selects the rate-limit headers and the stats entry. */
  model: string | undefined;
  /** Whether to send `x-ratelimit-*` headers (not on 401: an unknown key has no organization). */
  rateLimited = true;
  private clientGone = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    /** The stats entry of the response; undefined for routes that are not counted. */
    readonly operation: SimulatorOperation | undefined,
    readonly requestId: string,
    private readonly services: ExchangeServices,
  ) {
    res.on('close', () => {
      if (!res.writableFinished) this.clientGone = true;
    });
  }

  /** True once the connection closed before the response was complete. */
  get closed(): boolean {
    return this.clientGone || this.res.destroyed;
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  }

  /** The request body; throws an error response when it is larger than {@link MAX_BODY_BYTES}. */
  async body(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.req) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
      chunks.push(buffer);
    }
    return Buffer.concat(chunks);
  }

  /** The body parsed as JSON, or the 400/413 error response to send instead. */
  async jsonBody(): Promise<
    { ok: true; value: unknown; raw: Buffer } | { ok: false; error: GroqErrorResponse }
  > {
    let raw: Buffer;
    try {
      raw = await this.body();
    } catch (error) {
      if (error instanceof BodyTooLargeError) return { ok: false, error: payloadTooLarge(MAX_BODY_BYTES) };
      throw error;
    }
    try {
      return { ok: true, value: JSON.parse(raw.toString('utf8')), raw };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        error: invalidRequest(
          `Failed to parse the request body as JSON: ${detail}. Send a valid JSON object.`,
          'invalid_json',
        ),
      };
    }
  }

  /** The raw body, or a 413 error response. */
  async rawBody(): Promise<{ ok: true; value: Buffer } | { ok: false; error: GroqErrorResponse }> {
    try {
      return { ok: true, value: await this.body() };
    } catch (error) {
      if (error instanceof BodyTooLargeError) return { ok: false, error: payloadTooLarge(MAX_BODY_BYTES) };
      throw error;
    }
  }

  sendJson(status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
    this.send(status, 'application/json', JSON.stringify(body), extraHeaders);
  }

  fail(error: GroqErrorResponse): void {
    this.sendJson(error.status, error.body, error.headers);
  }

  send(
    status: number,
    contentType: string,
    body: string | Uint8Array,
    extraHeaders: Record<string, string> = {},
  ): void {
    if (this.closed) return;
    const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (this.operation) this.services.stats.response(this.model, this.operation, status);
    this.res.writeHead(status, {
      ...this.commonHeaders(),
      'content-type': contentType,
      'content-length': String(payload.length),
      ...extraHeaders,
    });
    this.res.end(payload);
  }

  /** Starts a 200 `text/event-stream` response. */
  startEventStream(): void {
    if (this.operation) this.services.stats.response(this.model, this.operation, 200);
    this.res.writeHead(200, {
      ...this.commonHeaders(),
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    this.res.flushHeaders();
  }

  /** Writes one raw SSE event (`data: ...\n\n`); false when the client has gone. */
  writeEvent(data: string): boolean {
    if (this.closed) return false;
    this.res.write(`data: ${data}\n\n`);
    return true;
  }

  /** Writes one named SSE event (`event: name\ndata: ...\n\n`); false when the client has gone. */
  writeNamedEvent(event: string, data: string): boolean {
    if (this.closed) return false;
    this.res.write(`event: ${event}\ndata: ${data}\n\n`);
    return true;
  }

  endEventStream(): void {
    if (!this.closed) this.res.end();
  }

  /**
   * Closes the connection without finishing the response. What was written before still reaches
   * the client (the socket is ended, not reset), so a stream stops mid-way as after a network drop.
   */
  drop(): void {
    const socket = this.res.socket;
    if (socket) socket.end();
    else this.res.destroy();
  }

  /**
   * Waits `seconds` of simulated time (times the time scale). Resolves early, with false, when the
   * client goes away.
   */
  wait(seconds: number): Promise<boolean> {
    const ms = seconds * 1000 * this.services.timeScale;
    if (this.closed) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onClose = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.res.off('close', onClose);
        resolve(!this.closed);
      }, ms);
      this.res.once('close', onClose);
    });
  }

  private commonHeaders(): Record<string, string> {
    return {
      'x-request-id': this.requestId,
      ...(this.rateLimited ? this.services.rateLimitHeaders(this.model) : {}),
    };
  }
}
