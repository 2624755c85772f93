import { open } from 'node:fs/promises';
import type { IAudioMetadata, IOptions } from 'music-metadata';
import { lameGaplessSamples, type ReadBytes } from './lame-gapless.js';
import { field } from './unknown-fields.js';

/** What is known about an audio file besides its bytes; helps the parser pick the format. */
export interface AudioHint {
  /** e.g. `audio/mpeg`, `audio/webm`. */
  mimeType?: string;
  /** e.g. `clip.m4a`: the extension is used when the bytes alone do not tell. */
  fileName?: string;
}

type MusicMetadata = typeof import('music-metadata');

/** One way to hand an upload to `music-metadata`, plus random access for the MP3 gapless fix. */
interface AudioSource {
  parse(parser: MusicMetadata, options: IOptions): Promise<IAudioMetadata>;
  read: ReadBytes;
}

/**
 * `duration: true` lets the parser scan to the end when the header does not tell (Ogg, MP3
 * without a Xing frame); covers and tags after the audio are never needed.
 */
const PARSE_OPTIONS: IOptions = { duration: true, skipCovers: true, skipPostHeaders: true };

let parserModule: Promise<MusicMetadata> | undefined;

/**
 * `music-metadata` is ESM-only: a dynamic `import()` (which the CJS build keeps as `import()`)
 * loads it from either build, once, on the first audio upload.
 */
function loadParser(): Promise<MusicMetadata> {
  parserModule ??= import('music-metadata');
  return parserModule;
}

/**
 * The duration in seconds of an audio file in any format Groq accepts (flac, mp3, mp4, mpeg,
 * mpga, m4a, ogg, wav, webm), read from its bytes by `music-metadata`. MP3s with a LAME tag are
 * corrected for the encoder delay and padding (see {@link lameGaplessSamples}). `undefined` when
 * the format is unknown or the file says no duration; never throws.
 */
export function readAudioDurationSeconds(
  bytes: Uint8Array,
  hint: AudioHint = {},
): Promise<number | undefined> {
  return durationOf(bytesSource(bytes, hint));
}

/**
 * The duration in seconds of an upload as the SDKs accept it: a `Buffer`/`Uint8Array`/
 * `ArrayBuffer`, a `Blob`/`File` (groq-sdk's and openai's `toFile()` results included, and other
 * implementations' Blobs; read in slices), a web `Response` (a clone is read, the caller's body
 * is left to the SDK), or a Node `fs.ReadStream` (read from its path with a handle of its own,
 * the stream is never touched).
 * Anything else (a `{ url }`, a string, an unreadable or unknown format) gives `undefined`, which
 * the caller records as usage missing. Never throws. Start it when the request starts: it runs
 * concurrently with the call and must not delay it.
 */
export function readUploadDurationSeconds(file: unknown): Promise<number | undefined> {
  try {
    // Synchronous up to here on purpose: a Response is cloned before the SDK reads its body.
    const source = uploadSource(file);
    return source === undefined ? Promise.resolve(undefined) : durationOf(source);
  } catch {
    return Promise.resolve(undefined);
  }
}

async function durationOf(
  source: AudioSource | Promise<AudioSource | undefined>,
): Promise<number | undefined> {
  // Load the parser while the upload is resolved: the first import takes tens of milliseconds,
  // which would otherwise come on top of the upload's read.
  const parser = loadParser();
  // Awaited below only when the upload resolves; a failed import must not go unhandled then.
  parser.catch(() => undefined);
  try {
    const resolved = await source;
    if (resolved === undefined) return undefined;
    const { format } = await resolved.parse(await parser, PARSE_OPTIONS);
    const { duration, sampleRate, container } = format;
    if (duration === undefined || !Number.isFinite(duration) || duration <= 0) return undefined;
    if (container !== 'MPEG' || sampleRate === undefined) return duration;
    const gapless = await lameGaplessSamples(resolved.read);
    if (gapless === undefined) return duration;
    const samples = Math.round(duration * sampleRate) - gapless;
    return samples > 0 ? samples / sampleRate : duration;
  } catch {
    return undefined;
  }
}

function uploadSource(file: unknown): AudioSource | Promise<AudioSource | undefined> | undefined {
  if (file instanceof Uint8Array) return bytesSource(file, {});
  if (file instanceof ArrayBuffer) return bytesSource(new Uint8Array(file), {});
  if ((typeof Blob !== 'undefined' && file instanceof Blob) || isBlobLike(file)) return blobSource(file);
  if (typeof Response !== 'undefined' && file instanceof Response) {
    if (file.bodyUsed || file.body === null) return undefined;
    return responseSource(file.clone());
  }
  const path = field(file, 'path');
  if ((typeof path === 'string' || path instanceof Uint8Array) && typeof field(file, 'pipe') === 'function') {
    return fileSource(typeof path === 'string' ? path : Buffer.from(path).toString());
  }
  return undefined;
}

/**
 * A `Blob` from another implementation (the `File` of `formdata-node` or `node-fetch` that older
 * SDK shims hand out): `size`, `slice()` and `arrayBuffer()` are all the parser uses.
 */
function isBlobLike(file: unknown): file is Blob {
  return (
    typeof field(file, 'size') === 'number' &&
    typeof field(file, 'slice') === 'function' &&
    typeof field(file, 'arrayBuffer') === 'function'
  );
}

function bytesSource(bytes: Uint8Array, { mimeType, fileName }: AudioHint): AudioSource {
  return {
    parse: (parser, options) =>
      parser.parseBuffer(bytes, { mimeType, path: fileName, size: bytes.byteLength }, options),
    read: async (offset, length) => bytes.subarray(offset, offset + length),
  };
}

function blobSource(blob: Blob): AudioSource {
  return {
    parse: (parser, options) => parser.parseBlob(blob, options),
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

/** A clone's body is a tee of the caller's: it is read whole (never more than the upload itself). */
async function responseSource(clone: Response): Promise<AudioSource> {
  const bytes = new Uint8Array(await clone.arrayBuffer());
  const fileName = new URL(clone.url || 'file:///').pathname.split('/').pop() || undefined;
  return bytesSource(bytes, { mimeType: clone.headers.get('content-type') ?? undefined, fileName });
}

function fileSource(path: string): AudioSource {
  return {
    parse: (parser, options) => parser.parseFile(path, options),
    read: async (offset, length) => {
      const handle = await open(path, 'r');
      try {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}
