/** One server-sent event: its `event` field (undefined for the default `message`) and its data lines joined. */
export interface SseFrame {
  event: string | undefined;
  data: string;
}

/**
 * Offered the bytes of a frame that is one `data:` line and nothing else (no `event`, no other
 * data line), `[start, end)` being the field's value without the line end. Returns true when it
 * took the frame from its bytes; the frame is then not decoded nor handed to `onFrame`.
 */
export type SseBytesFrameHandler = (bytes: Buffer, start: number, end: number) => boolean;

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Reads server-sent events (the `text/event-stream` format Groq streams in) from byte chunks as
 * they arrive, whatever their boundaries: a frame split over two chunks, or many frames in one,
 * or a multi-byte character cut in half. Only `event` and `data` matter to the telemetry; other
 * fields and comments are skipped. Nothing is kept once a frame is handed on.
 *
 * Lines are found in the bytes (a line feed never occurs inside a UTF-8 character), and only the
 * `event` and `data` values are decoded, each on its own: a chunk costs no string of its own.
 * A frame that arrives whole as one `data:` line and its blank line, the shape of nearly every
 * frame of a stream, is first offered undecoded to `onBytesFrame`. Line ends are LF or CRLF, and
 * a leading byte-order mark is skipped, as a streaming `TextDecoder` does.
 */
export class SseFrameReader {
  private pending: Buffer | undefined;
  private atStart = true;
  private event: string | undefined;
  private data: string[] = [];

  constructor(
    private readonly onFrame: (frame: SseFrame) => void,
    private readonly onBytesFrame?: SseBytesFrameHandler,
  ) {}

  /** Take the next bytes of the stream. */
  push(chunk: Uint8Array): void {
    let bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pending !== undefined) {
      bytes = Buffer.concat([this.pending, bytes]);
      this.pending = undefined;
    }
    let start = 0;
    if (this.atStart) {
      if (bytes.length < UTF8_BOM.length && isBomPrefix(bytes, bytes.length)) {
        this.pending = Buffer.from(bytes);
        return;
      }
      this.atStart = false;
      if (isBomPrefix(bytes, UTF8_BOM.length)) start = UTF8_BOM.length;
    }
    for (let end = bytes.indexOf(LF, start); end !== -1; end = bytes.indexOf(LF, start)) {
      const lineEnd = end > start && bytes[end - 1] === CR ? end - 1 : end;
      const frameEnd =
        this.onBytesFrame === undefined ? -1 : this.wholeDataFrameEnd(bytes, start, lineEnd, end);
      if (frameEnd !== -1 && this.onBytesFrame?.(bytes, dataValueStart(bytes, start), lineEnd)) {
        start = frameEnd;
        continue;
      }
      this.line(bytes, start, lineEnd);
      start = end + 1;
    }
    // A line cut by the chunk's end waits for the rest; copied, as the chunk belongs to the response.
    if (start < bytes.length) this.pending = Buffer.from(bytes.subarray(start));
  }

  /** The stream ended: a last frame without its blank line is still handed on, as browsers do not but SDKs do. */
  end(): void {
    const rest = this.pending;
    this.pending = undefined;
    if (rest !== undefined && rest.length > 0) this.line(rest, 0, rest.length);
    this.dispatch();
  }

  /**
   * Where the frame ends (past its blank line) when the line `[start, lineEnd)` begins a frame,
   * is a `data:` line, and its blank line follows in the same chunk; else -1.
   */
  private wholeDataFrameEnd(bytes: Buffer, start: number, lineEnd: number, end: number): number {
    if (this.event !== undefined || this.data.length > 0 || lineEnd - start < 5) return -1;
    if (
      bytes[start] !== 0x64 || // d
      bytes[start + 1] !== 0x61 || // a
      bytes[start + 2] !== 0x74 || // t
      bytes[start + 3] !== 0x61 || // a
      bytes[start + 4] !== COLON
    )
      return -1;
    const next = bytes[end + 1];
    if (next === LF) return end + 2;
    if (next === CR && bytes[end + 2] === LF) return end + 3;
    return -1;
  }

  private line(bytes: Buffer, start: number, end: number): void {
    if (start === end) {
      this.dispatch();
      return;
    }
    if (bytes[start] === COLON) return;
    let colon = bytes.indexOf(COLON, start);
    if (colon >= end) colon = -1;
    const nameEnd = colon === -1 ? end : colon;
    let valueStart = end;
    if (colon !== -1) valueStart = bytes[colon + 1] === SPACE && colon + 1 < end ? colon + 2 : colon + 1;
    if (isName(bytes, start, nameEnd, 'data')) this.data.push(bytes.toString('utf8', valueStart, end));
    else if (isName(bytes, start, nameEnd, 'event')) this.event = bytes.toString('utf8', valueStart, end);
  }

  private dispatch(): void {
    if (this.data.length > 0) {
      this.onFrame({
        event: this.event,
        data: this.data.length === 1 ? (this.data[0] as string) : this.data.join('\n'),
      });
    }
    this.event = undefined;
    this.data = [];
  }
}

/** Where a `data:` field's value begins: after the colon and one optional space. */
function dataValueStart(bytes: Buffer, lineStart: number): number {
  return bytes[lineStart + 5] === SPACE ? lineStart + 6 : lineStart + 5;
}

function isName(bytes: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let index = 0; index < name.length; index++) {
    if (bytes[start + index] !== name.charCodeAt(index)) return false;
  }
  return true;
}

function isBomPrefix(bytes: Buffer, length: number): boolean {
  for (let index = 0; index < length; index++) {
    if (bytes[index] !== UTF8_BOM[index]) return false;
  }
  return true;
}
