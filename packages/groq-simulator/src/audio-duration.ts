import type { IOptions } from 'music-metadata';
import { mp3PaddingSamples } from './mp3-gapless';
import { ASSUMED_BYTES_PER_SECOND, wavDurationSeconds } from './wav';

type MusicMetadata = typeof import('music-metadata');

/** The upload formats Groq's speech-to-text accepts, by file extension (Groq's speech-to-text docs). */
export const ACCEPTED_AUDIO_EXTENSIONS = [
  'flac',
  'mp3',
  'mp4',
  'mpeg',
  'mpga',
  'm4a',
  'ogg',
  'wav',
  'webm',
] as const;

const PARSE_OPTIONS: IOptions = { duration: true, skipCovers: true, skipPostHeaders: true };

let parserModule: Promise<MusicMetadata> | undefined;

/** `music-metadata` is ESM-only; a dynamic `import()` loads it from either build, on first use. */
function loadParser(): Promise<MusicMetadata> {
  parserModule ??= import('music-metadata');
  return parserModule;
}

/** The extension of `filename` when it is not one Groq accepts; undefined when accepted or absent. */
export function refusedExtension(filename: string): string | undefined {
  const dot = filename.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = filename.slice(dot + 1).toLowerCase();
  return (ACCEPTED_AUDIO_EXTENSIONS as readonly string[]).includes(extension) ? undefined : extension;
}

/**
 * The duration in seconds of an upload: from a WAV header (exact), else from what `music-metadata`
 * reads of the container (FLAC, MP3 less its LAME delay and padding as a gapless decoder drops
 * them, MP4/M4A, Ogg, WebM), else, for bytes it cannot read, from the
 * size at {@link ASSUMED_BYTES_PER_SECOND}, so tests may still send placeholder bytes.
 */
export async function uploadDurationSeconds(
  bytes: Uint8Array,
  filename: string,
  mimeType?: string,
): Promise<number> {
  const wav = wavDurationSeconds(bytes);
  if (wav !== undefined) return wav;
  try {
    const parser = await loadParser();
    const metadata = await parser.parseBuffer(
      bytes,
      { mimeType, path: filename, size: bytes.byteLength },
      PARSE_OPTIONS,
    );
    const { duration, sampleRate, container } = metadata.format;
    if (duration !== undefined && Number.isFinite(duration) && duration > 0) {
      const padding = container === 'MPEG' && sampleRate ? mp3PaddingSamples(bytes) : undefined;
      return padding === undefined || sampleRate === undefined ? duration : duration - padding / sampleRate;
    }
  } catch {
    // Not a container the parser knows: fall through to the size estimate.
  }
  return bytes.byteLength / ASSUMED_BYTES_PER_SECOND;
}
