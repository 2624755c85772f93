/** Bitrate assumed for uploads that are not WAV: 128 kbit/s, i.e. 16 000 bytes per second. */
export const ASSUMED_BYTES_PER_SECOND = 16_000;

/**
 * A mono 16-bit PCM WAV file of `seconds` seconds: a quiet 440 Hz tone, so it is real audio
 * that any player or Whisper-compatible server accepts. Its duration is exactly
 * `Math.round(seconds * sampleRate)` samples.
 *
 * @param seconds duration, > 0
 * @param sampleRate samples per second; default 16 000 (what Whisper resamples to)
 */
export function makeWav(seconds: number, sampleRate = 16_000): Uint8Array {
  if (!(Number.isFinite(seconds) && seconds > 0)) {
    throw new RangeError(`makeWav: seconds must be a number > 0, got ${seconds}`);
  }
  if (!(Number.isInteger(sampleRate) && sampleRate > 0)) {
    throw new RangeError(`makeWav: sampleRate must be a whole number > 0, got ${sampleRate}`);
  }
  const samples = Math.round(seconds * sampleRate);
  return encodeWav(samples, sampleRate, (i) =>
    Math.round(1000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)),
  );
}

/** A mono 16-bit PCM WAV file of `samples` samples of silence. */
export function silentWav(samples: number, sampleRate: number): Uint8Array {
  return encodeWav(samples, sampleRate, () => 0);
}

function encodeWav(samples: number, sampleRate: number, sample: (index: number) => number): Uint8Array {
  const dataBytes = samples * 2;
  const buffer = Buffer.alloc(44 + dataBytes);
  buffer.write('RIFF', 0, 'ascii');
  buffer.writeUInt32LE(36 + dataBytes, 4);
  buffer.write('WAVE', 8, 'ascii');
  buffer.write('fmt ', 12, 'ascii');
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(sampleRate, 24);
  buffer.writeUInt32LE(sampleRate * 2, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write('data', 36, 'ascii');
  buffer.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i += 1) buffer.writeInt16LE(sample(i), 44 + i * 2);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/**
 * Duration in seconds of a WAV file (data chunk size / byte rate from the `fmt ` chunk), or
 * undefined when the bytes are not a readable RIFF/WAVE file.
 */
export function wavDurationSeconds(bytes: Uint8Array): number | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    buffer.length < 12 ||
    buffer.toString('ascii', 0, 4) !== 'RIFF' ||
    buffer.toString('ascii', 8, 12) !== 'WAVE'
  ) {
    return undefined;
  }
  let byteRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= buffer.length) byteRate = buffer.readUInt32LE(offset + 16);
    if (id === 'data') {
      if (!byteRate) return undefined;
      const available = Math.min(size, buffer.length - offset - 8);
      return available / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
