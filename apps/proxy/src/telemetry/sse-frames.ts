/** One server-sent event: its `event` field (undefined for the default `message`) and its data lines joined. */
export interface SseFrame {
  event: string | undefined;
  data: string;
}

/**
 * Reads server-sent events (the `text/event-stream` format Groq streams in) from byte chunks as
 * they arrive, whatever their boundaries: a frame split over two chunks, or many frames in one,
 * or a multi-byte character cut in half. Only `event` and `data` matter to the telemetry; other
 * fields and comments are skipped. Nothing is kept once a frame is handed on.
 */
export class SseFrameReader {
  private readonly decoder = new TextDecoder();
  private pending = '';
  private event: string | undefined;
  private data: string[] = [];

  constructor(private readonly onFrame: (frame: SseFrame) => void) {}

  /** Take the next bytes of the stream. */
  push(chunk: Uint8Array): void {
    const text = this.pending + this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      this.line(text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end));
      start = end + 1;
    }
    this.pending = start === 0 ? text : text.slice(start);
  }

  /** The stream ended: a last frame without its blank line is still handed on, as browsers do not but SDKs do. */
  end(): void {
    const rest = this.pending + this.decoder.decode();
    this.pending = '';
    if (rest !== '') this.line(rest);
    this.line('');
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onFrame({ event: this.event, data: this.data.join('\n') });
      this.event = undefined;
      this.data = [];
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) return;
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1);
    if (name === 'data') this.data.push(value);
    else if (name === 'event') this.event = value;
  }
}
