/**
 * Recognises, from its bytes alone, a chat stream chunk whose parse could tell the recorder
 * nothing new: one that is byte for byte an earlier, already observed chunk except for the text
 * of one `"content"` or `"reasoning"` string. Nearly every chunk of a Groq stream is such a
 * chunk (the same `id`, `created`, `model`, `system_fingerprint` and choice fields around one
 * token's text), so the proxy counts it as an output chunk without decoding or parsing it.
 *
 * Why that is exact. A matched chunk is valid JSON: the bytes around the text are those of a
 * chunk that parsed, and the text is checked to be a non-empty JSON string body (no bare quote or
 * control character, complete escapes). Its parse differs from the earlier chunk's only in that
 * string. `ChatStreamFacts.observe` reads a `content` or `reasoning` value only as "is it a
 * non-empty string" (its text is kept only when content capture is on, where this is not used),
 * so observing the
 * matched chunk has the effect observing the earlier one again would have, and returns the same
 * (true: it carries output). That effect is nothing when the earlier chunk was learnt only if
 * it carries no usage, no finish reason and no built-in tool call: what remains are the id,
 * model, service tier and `x_groq.id`, which the facts keep from their first sighting. A test
 * replays streams both ways and compares every recorded fact.
 */

/** The most chunk shapes kept per stream (a stream has a few: reasoning, content, tool arguments). */
const MAX_SHAPES = 4;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** The keys whose string value may differ from the learnt chunk's. */
const TEXT_KEYS = ['"content":"', '"reasoning":"'] as const;

/** The bytes of a learnt chunk before and after its text. */
interface ChunkShape {
  prefix: Buffer;
  suffix: Buffer;
}

/** The chunk shapes of one stream. */
export class RepeatedChunks {
  private readonly shapes: ChunkShape[] = [];
  /** The shape that matched last: the next chunk most likely has it too. */
  private last: ChunkShape | undefined;

  /** Whether `bytes[start, end)` is a learnt chunk with another text. */
  matches(bytes: Buffer, start: number, end: number): boolean {
    if (this.last !== undefined && matchesShape(this.last, bytes, start, end)) return true;
    for (const shape of this.shapes) {
      if (shape !== this.last && matchesShape(shape, bytes, start, end)) {
        this.last = shape;
        return true;
      }
    }
    return false;
  }

  /**
   * Learn the shape of a chunk that was parsed (`parsed`, from `data`) and observed as carrying
   * output; chunks that may have an effect when observed again are not learnt.
   */
  learn(data: string, parsed: unknown): void {
    if (this.shapes.length >= MAX_SHAPES || !observedAgainChangesNothing(parsed)) return;
    const shape = shapeOf(data);
    if (shape === undefined) return;
    if (this.shapes.some((known) => known.prefix.equals(shape.prefix) && known.suffix.equals(shape.suffix)))
      return;
    this.shapes.push(shape);
  }
}

function matchesShape(shape: ChunkShape, bytes: Buffer, start: number, end: number): boolean {
  const { prefix, suffix } = shape;
  const textStart = start + prefix.length;
  const textEnd = end - suffix.length;
  // A non-empty text: the facts take an empty one as no output.
  return (
    textStart < textEnd &&
    bytes.compare(prefix, 0, prefix.length, start, textStart) === 0 &&
    bytes.compare(suffix, 0, suffix.length, textEnd, end) === 0 &&
    isJsonStringBody(bytes, textStart, textEnd)
  );
}

/**
 * Whether `bytes[start, end)` is the inside of a JSON string: no quote or control character
 * unescaped, every escape complete and valid. Bytes from 0x80 up are UTF-8 text, valid JSON
 * whatever they decode to.
 */
export function isJsonStringBody(bytes: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const byte = bytes[at] as number;
    if (byte === QUOTE || byte < 0x20) return false;
    if (byte !== BACKSLASH) continue;
    const escaped = bytes[++at];
    if (at >= end) return false;
    if (escaped === 0x75 /* u */) {
      if (at + 4 >= end) return false;
      for (let digit = at + 1; digit <= at + 4; digit++)
        if (!isHexDigit(bytes[digit] as number)) return false;
      at += 4;
    } else if (!isSimpleEscape(escaped as number)) return false;
  }
  return true;
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/** `"`, `\`, `/`, `b`, `f`, `n`, `r`, `t`. */
function isSimpleEscape(byte: number): boolean {
  return (
    byte === QUOTE ||
    byte === BACKSLASH ||
    byte === 0x2f ||
    byte === 0x62 ||
    byte === 0x66 ||
    byte === 0x6e ||
    byte === 0x72 ||
    byte === 0x74
  );
}

/** The learnt chunk's bytes around the text of its first `content` or `reasoning` string. */
function shapeOf(data: string): ChunkShape | undefined {
  for (const key of TEXT_KEYS) {
    const keyAt = data.indexOf(key);
    // `\"content":"` would be the end of another key with a quote in it: not a text key.
    if (keyAt === -1 || data.charCodeAt(keyAt - 1) === BACKSLASH) continue;
    const textStart = keyAt + key.length;
    const textEnd = closingQuote(data, textStart);
    if (textEnd === -1) continue;
    return { prefix: Buffer.from(data.slice(0, textStart)), suffix: Buffer.from(data.slice(textEnd)) };
  }
  return undefined;
}

/** Where the string whose body starts at `from` closes (its unescaped quote), or -1. */
function closingQuote(text: string, from: number): number {
  for (let at = from; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === BACKSLASH) at++;
    else if (code === QUOTE) return at;
  }
  return -1;
}

/**
 * Whether observing the chunk once more, at any later point of the stream, changes no fact: no
 * usage (or its breakdown, at the top or in `x_groq`), no finish reason, no built-in tool call.
 */
function observedAgainChangesNothing(parsed: unknown): boolean {
  if (typeof parsed !== 'object' || parsed === null) return false;
  const chunk = parsed as Record<string, unknown>;
  if (chunk.usage != null || chunk.usage_breakdown != null) return false;
  const xGroq = chunk.x_groq;
  if (typeof xGroq === 'object' && xGroq !== null) {
    const fields = xGroq as Record<string, unknown>;
    if (fields.usage != null || fields.usage_breakdown != null) return false;
  }
  if (!Array.isArray(chunk.choices)) return true;
  for (const choice of chunk.choices as unknown[]) {
    if (typeof choice !== 'object' || choice === null) continue;
    const { finish_reason: finishReason, delta } = choice as Record<string, unknown>;
    if (typeof finishReason === 'string') return false;
    const tools =
      typeof delta === 'object' && delta !== null
        ? (delta as Record<string, unknown>).executed_tools
        : undefined;
    if (Array.isArray(tools) && tools.length > 0) return false;
  }
  return true;
}
