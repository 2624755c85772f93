import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWav } from '@groqmeter/groq-simulator';
import { readUploadDurationSeconds as audioDurationSeconds } from '@groqmeter/recorder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A 16-bit mono WAV header with the given data size field, followed by `dataBytes` bytes. */
function wavWithDataSize(sizeField: number, dataBytes: number, sampleRate = 8000): Uint8Array {
  const bytes = makeWav(dataBytes / 2 / sampleRate, sampleRate);
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(40, sizeField, true);
  return bytes;
}

/** A WAV with a LIST chunk of odd size before `fmt `, as some encoders write. */
function wavWithListChunk(seconds: number): Uint8Array {
  const plain = makeWav(seconds);
  const list = new Uint8Array(8 + 5 + 1);
  list.set([...'LIST'].map((c) => c.charCodeAt(0)));
  new DataView(list.buffer).setUint32(4, 5, true);
  const bytes = new Uint8Array(plain.byteLength + list.byteLength);
  bytes.set(plain.subarray(0, 12));
  bytes.set(list, 12);
  bytes.set(plain.subarray(12), 12 + list.byteLength);
  return bytes;
}

/** The recorder's fixtures: short tones made by ffmpeg in every format Groq accepts. */
const RECORDER_FIXTURES = join(import.meta.dirname, '..', '..', 'recorder', 'test', 'audio');

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-duration-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

describe('audioDurationSeconds', () => {
  it('reads a WAV duration from a Buffer, a Uint8Array, a Blob and a File', async () => {
    const wav = makeWav(2.5).slice();
    expect(await audioDurationSeconds(Buffer.from(wav))).toBe(2.5);
    expect(await audioDurationSeconds(wav)).toBe(2.5);
    expect(await audioDurationSeconds(new Blob([wav]))).toBe(2.5);
    expect(await audioDurationSeconds(new File([wav], 'a.wav', { type: 'audio/wav' }))).toBe(2.5);
  });

  it('reads an fs.ReadStream through its path and leaves the stream unread', async () => {
    const path = join(directory, 'clip.wav');
    const wav = makeWav(1.25);
    await writeFile(path, wav);
    const stream = createReadStream(path);
    expect(await audioDurationSeconds(stream)).toBe(1.25);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(Buffer.from(wav))).toBe(true);
  });

  it('walks past other chunks to fmt and data', async () => {
    expect(await audioDurationSeconds(wavWithListChunk(3))).toBe(3);
  });

  it('uses the file size for a streamed WAV whose data size is 0xffffffff (unknown)', async () => {
    expect(await audioDurationSeconds(wavWithDataSize(0xffffffff, 16_000))).toBe(1);
    // A data size of 0 says "no samples" to music-metadata: usage missing, never a guess.
    expect(await audioDurationSeconds(wavWithDataSize(0, 8000))).toBeUndefined();
  });

  it('reads the other formats Groq accepts, and a Response from a clone', async () => {
    const mp3 = await readFile(join(RECORDER_FIXTURES, 'tone-30s.mp3'));
    expect(await audioDurationSeconds(new File([new Uint8Array(mp3)], 'a.mp3'))).toBe(30);
    expect(await audioDurationSeconds(createReadStream(join(RECORDER_FIXTURES, 'tone-3_5s.ogg')))).toBe(3.5);
    const response = new Response(makeWav(2).slice());
    expect(await audioDurationSeconds(response)).toBe(2);
    expect(response.bodyUsed).toBe(false);
  });

  it('gives undefined for anything that is not readable audio, rather than a guess', async () => {
    expect(
      await audioDurationSeconds(new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0, 0])),
    ).toBeUndefined();
    expect(await audioDurationSeconds(makeWav(1).subarray(0, 30))).toBeUndefined();
    expect(await audioDurationSeconds('clip.wav')).toBeUndefined();
    expect(await audioDurationSeconds(undefined)).toBeUndefined();
    expect(await audioDurationSeconds(new Response('RIFF'))).toBeUndefined();
    expect(await audioDurationSeconds({ path: join(directory, 'missing.wav'), pipe() {} })).toBeUndefined();
  });
});
