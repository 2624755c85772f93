import { readUploadDurationSeconds } from '@groqmeter/recorder';

/**
 * The duration in seconds of an audio upload (`file` of a transcription or translation), in any
 * format Groq accepts, read from its bytes by the recorder's {@link readUploadDurationSeconds}:
 * a `File`/`Blob`, a `Buffer`/`Uint8Array`, a `Response` (a clone) or an `fs.ReadStream` (read
 * from its path, the stream the SDK uploads is left untouched). Anything else, or an unreadable
 * file, gives `undefined`: the caller then records the usage as missing instead of guessing.
 */
export function audioDurationSeconds(file: unknown): Promise<number | undefined> {
  return readUploadDurationSeconds(file);
}
