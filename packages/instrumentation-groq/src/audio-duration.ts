import { open, stat } from 'node:fs/promises';
import { field } from '@groqmeter/recorder';

/** Random access to the bytes of an upload, without reading what it does not need. */
interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** The RIFF chunk walk stops after this many chunks: a real WAV has a handful before `data`. */
const MAX_RIFF_CHUNKS = 64;
/** `data` chunk sizes that mean "unknown, read to the end of the file" (streamed WAV writers). */
const UNKNOWN_DATA_SIZES = new Set([0, 0xffffffff]);

/**
 * The duration in seconds of an audio upload, from its WAV header: `data` bytes divided by the
 * `fmt ` byte rate (the file size stands in for a streamed WAV's unknown `data` size). Handles a
 * `File`/`Blob` (reads two small slices), a `Buffer`/`Uint8Array`, and an `fs.ReadStream`
 * (reads the header from its path with a separate file handle, so the stream the SDK is about
 * to upload is left untouched). Anything else, or any other audio format, gives `undefined`:
 * the caller then records the usage as missing instead of guessing.
 */
export async function audioDurationSeconds(file: unknown): Promise<number | undefined> {
  try {
    const source = await byteSourceOf(file);
    return source === undefined ? undefined : await wavDurationSeconds(source);
  } catch {
    return undefined;
  }
}

async function byteSourceOf(file: unknown): Promise<ByteSource | undefined> {
  if (file instanceof Uint8Array) return bytesSource(file);
  if (typeof Blob !== 'undefined' && file instanceof Blob) return blobSource(file);
  const path = field(file, 'path');
  if ((typeof path === 'string' || path instanceof Uint8Array) && typeof field(file, 'pipe') === 'function') {
    return fileSource(typeof path === 'string' ? path : Buffer.from(path).toString());
  }
  return undefined;
}

function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => bytes.subarray(offset, offset + length),
  };
}

function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

async function fileSource(path: string): Promise<ByteSource> {
  const { size } = await stat(path);
  return {
    size,
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

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** Walk the RIFF chunks to `fmt ` and `data`; every read is 8 bytes or the 16-byte format block. */
async function wavDurationSeconds(source: ByteSource): Promise<number | undefined> {
  const header = await source.read(0, 12);
  if (header.byteLength < 12 || ascii(header, 0, 4) !== 'RIFF' || ascii(header, 8, 4) !== 'WAVE') {
    return undefined;
  }
  let byteRate: number | undefined;
  let offset = 12;
  for (let chunk = 0; chunk < MAX_RIFF_CHUNKS && offset + 8 <= source.size; chunk++) {
    const chunkHeader = await source.read(offset, 8);
    if (chunkHeader.byteLength < 8) return undefined;
    const view = new DataView(chunkHeader.buffer, chunkHeader.byteOffset, 8);
    const id = ascii(chunkHeader, 0, 4);
    const size = view.getUint32(4, true);
    if (id === 'fmt ') {
      const format = await source.read(offset + 8, 16);
      if (format.byteLength < 16) return undefined;
      byteRate = new DataView(format.buffer, format.byteOffset, 16).getUint32(8, true);
    } else if (id === 'data') {
      if (byteRate === undefined || byteRate === 0) return undefined;
      const available = source.size - (offset + 8);
      const dataBytes = UNKNOWN_DATA_SIZES.has(size) ? available : Math.min(size, available);
      return dataBytes / byteRate;
    }
    // RIFF chunks are padded to an even size.
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
