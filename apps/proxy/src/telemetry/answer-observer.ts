import type { IncomingHttpHeaders } from 'node:http';
import {
  type BrotliDecompress,
  createBrotliDecompress,
  createGunzip,
  createInflate,
  type Gunzip,
  type Inflate,
} from 'node:zlib';
import {
  type CallDescription,
  ChatStreamFacts,
  type OperationHandle,
  type OperationResult,
} from '@groqmeter/recorder';
import { APIUserAbortError, UpstreamAPIError } from './proxy-errors.js';
import { RepeatedChunks } from './repeated-chunks.js';
import { type SseFrame, SseFrameReader } from './sse-frames.js';

/** The most of a non-streamed answer kept for its facts; a larger answer is recorded as usage missing. */
export const MAX_ANSWER_BYTES_FOR_FACTS = 16 * 1024 * 1024;

type Decoder = Gunzip | Inflate | BrotliDecompress;

function decoderFor(contentEncoding: string | undefined): Decoder | undefined {
  switch (contentEncoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

/** What the observer needs to know about the upstream answer. */
export interface AnswerHead {
  status: number;
  /** Its headers (rate limits, `retry-after`), reported to the operation as its HTTP attempt. */
  headers: IncomingHttpHeaders;
  contentType: string | undefined;
  contentEncoding: string | undefined;
}

/**
 * The side path of one metered call: it sees each byte chunk of Groq's answer after it has been
 * handed to the client, reads the facts from it (SSE frame by frame for a stream, the whole body
 * otherwise) and ends the operation exactly once:
 * - the answer completed: `end` (usage missing if none came), or `fail` for an error status;
 * - a frame was Groq's error event or not JSON: `fail` (with the usage if it had arrived), as the
 *   SDKs throw there;
 * - the upstream connection dropped or timed out: `fail`;
 * - the client went away: a stream is `abandon`ed (or ended when its usage had arrived), a
 *   non-streamed call fails as the SDK's abort would.
 * Nothing here can affect the bytes the client gets: every failure of its own is reported to
 * `onOwnError` and the operation is left to the recorder's first-wins rule.
 */
export class AnswerObserver {
  private readonly stream: boolean;
  private readonly reader: SseFrameReader | undefined;
  /** Chat chunks counted from their bytes (content capture off); see {@link RepeatedChunks}. */
  private readonly repeated: RepeatedChunks | undefined;
  private readonly decoder: Decoder | undefined;
  private readonly body: Buffer[] = [];
  private bodyLength = 0;
  private settled = false;
  private attempted = false;

  constructor(
    private readonly handle: OperationHandle,
    private readonly description: CallDescription,
    private readonly head: AnswerHead,
    private readonly onOwnError: (error: unknown) => void,
    /** Content capture is on: every chunk's text is kept, so every chunk is parsed. */
    captureContent: boolean,
    /** Called once the operation is ended (an answer's facts may need async work, e.g. an upload's duration). */
    private readonly onRecorded: () => void = () => undefined,
  ) {
    const ok = head.status >= 200 && head.status < 300;
    this.stream =
      ok && description.streamFacts !== undefined && (head.contentType ?? '').startsWith('text/event-stream');
    this.decoder = decoderFor(head.contentEncoding);
    if (this.stream) {
      this.attempt();
      this.repeated =
        !captureContent && description.streamFacts instanceof ChatStreamFacts
          ? new RepeatedChunks()
          : undefined;
      const reader = new SseFrameReader(
        (frame) => this.frame(frame),
        this.repeated === undefined
          ? undefined
          : (bytes, start, end) => this.repeatedChunk(bytes, start, end),
      );
      this.reader = reader;
      this.decoder?.on('data', (chunk: Buffer) => this.push(chunk));
    }
    this.decoder?.on('error', (error) => this.onOwnError(error));
  }

  /** The next bytes of the answer, already forwarded to the client. */
  chunk(bytes: Buffer): void {
    if (this.settled) return;
    if (this.reader !== undefined) {
      if (this.decoder !== undefined) this.decoder.write(bytes);
      else this.push(bytes);
      return;
    }
    if (!this.keepsBody) return;
    this.bodyLength += bytes.length;
    if (this.bodyLength <= MAX_ANSWER_BYTES_FOR_FACTS) this.body.push(bytes);
  }

  /** The answer is complete and forwarded. */
  complete(): void {
    if (this.settled) return;
    this.attempt();
    if (this.reader !== undefined) {
      const reader = this.reader;
      this.afterDecoding(() => {
        reader.end();
        this.end(this.description.streamFacts?.result() ?? {});
      });
      return;
    }
    this.afterDecoding(() => void this.completeBody());
  }

  /** The upstream connection dropped or timed out before the answer was complete. */
  upstreamFailed(error: Error): void {
    this.attempt();
    this.fail(error, this.partial());
  }

  /** The client disconnected before the answer was complete (the upstream request is aborted). */
  clientGone(): void {
    if (this.settled) return;
    this.attempt();
    this.settle();
    const facts = this.description.streamFacts;
    if (this.stream && facts !== undefined) {
      if (facts.hasUsage) this.handle.end(facts.result());
      else this.handle.abandon();
      return;
    }
    this.handle.fail({ error: new APIUserAbortError('the client closed the connection before the answer') });
  }

  /** Report the answer's HTTP attempt once: at once for a stream, at the end for any other answer. */
  private attempt(): void {
    if (this.attempted) return;
    this.attempted = true;
    this.handle.attempt({ status: this.head.status, headers: this.head.headers });
  }

  private get keepsBody(): boolean {
    return this.head.status >= 400 || this.description.resultNeedsBody;
  }

  private partial(): OperationResult | undefined {
    const facts = this.description.streamFacts;
    return this.stream && facts?.hasUsage ? facts.result() : undefined;
  }

  /** Stream bytes to the SSE reader; a failure of its own never reaches the proxy's relay. */
  private push(bytes: Buffer): void {
    try {
      this.reader?.push(bytes);
    } catch (error) {
      this.onOwnError(error);
    }
  }

  /** A frame the reader offers undecoded: an output chunk when it repeats a learnt chunk's shape. */
  private repeatedChunk(bytes: Buffer, start: number, end: number): boolean {
    if (this.settled) return true;
    if (this.repeated?.matches(bytes, start, end) !== true) return false;
    this.handle.chunk();
    return true;
  }

  private frame({ event, data }: SseFrame): void {
    if (this.settled || data === '[DONE]') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch (error) {
      this.fail(error, this.partial());
      return;
    }
    const groqError = (parsed as { error?: unknown } | null)?.error;
    if (event === 'error' || (typeof groqError === 'object' && groqError !== null)) {
      this.fail(new UpstreamAPIError(undefined, groqError ?? parsed), this.partial());
      return;
    }
    if (this.description.streamFacts?.observe(parsed)) {
      this.handle.chunk();
      if (event === undefined) this.repeated?.learn(data, parsed);
    }
  }

  private async completeBody(): Promise<void> {
    const text = this.bodyLength <= MAX_ANSWER_BYTES_FOR_FACTS ? this.bodyText() : undefined;
    if (this.head.status >= 400) {
      this.fail(
        new UpstreamAPIError(this.head.status, parseOrUndefined(text)?.error),
        undefined,
        this.head.status,
      );
      return;
    }
    let body: unknown = text;
    if (text !== undefined && isJson(this.head.contentType)) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        this.fail(error, undefined);
        return;
      }
    }
    try {
      const result = await this.description.result(body);
      this.end(result);
    } catch (error) {
      this.onOwnError(error);
      this.end({});
    }
  }

  private bodyText(): string | undefined {
    if (!this.description.resultNeedsBody && this.head.status < 400) return undefined;
    return Buffer.concat(this.body, this.bodyLength).toString('utf8');
  }

  /** Run `then` once every byte has passed the decoder (at once when the answer is not compressed). */
  private afterDecoding(then: () => void): void {
    if (this.decoder === undefined) {
      this.guard(then);
      return;
    }
    if (this.reader === undefined) {
      const decoded: Buffer[] = [];
      this.decoder.on('data', (chunk: Buffer) => decoded.push(chunk));
      for (const chunk of this.body) this.decoder.write(chunk);
      this.decoder.once('end', () => {
        this.body.length = 0;
        this.body.push(Buffer.concat(decoded));
        this.bodyLength = this.body[0]?.length ?? 0;
        this.guard(then);
      });
    } else {
      this.decoder.once('end', () => this.guard(then));
    }
    this.decoder.end();
  }

  private end(result: OperationResult): void {
    if (this.settled) return;
    this.settle();
    this.handle.end(result);
  }

  private fail(error: unknown, partial: OperationResult | undefined, status?: number): void {
    if (this.settled) return;
    this.settle();
    this.handle.fail({ error, partial, status });
  }

  private settle(): void {
    this.settled = true;
    this.onRecorded();
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.onOwnError(error);
    }
  }
}

function isJson(contentType: string | undefined): boolean {
  return contentType === undefined || /\bjson\b/i.test(contentType);
}

function parseOrUndefined(text: string | undefined): { error?: unknown } | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as { error?: unknown };
  } catch {
    return undefined;
  }
}
