import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudioDurationSeconds, readUploadDurationSeconds } from './audio-duration.js';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'audio');
const fixture = (name: string) => readFile(join(FIXTURES, name));

/**
 * Each fixture, the tone length ffmpeg was asked for, and how many milliseconds more the format
 * lets us read. Exact: WAV (data bytes / byte rate), FLAC (STREAMINFO sample count), Ogg Opus and
 * Vorbis (last granule position, Opus pre-skip removed) and MP3 (Xing frame count less the LAME
 * tag's encoder delay and padding). WebM: Matroska's `Duration` is in whole milliseconds and
 * ffmpeg includes Opus's 6.5 ms codec delay, so it reads up to 10 ms long. MP4/M4A:
 * `music-metadata` reads the track length without its edit list, so AAC's 1024 priming samples
 * count: 1024 / 8000 Hz = 128 ms here (21 ms at 48 kHz).
 */
const CASES: readonly [file: string, madeSeconds: number, extraMs: number][] = [
  ['tone-30s.wav', 30, 0],
  ['tone-3_5s.wav', 3.5, 0],
  ['tone-30s.flac', 30, 0],
  ['tone-3_5s.flac', 3.5, 0],
  ['tone-30s.mp3', 30, 0],
  ['tone-3_5s.mp3', 3.5, 0],
  ['tone-3_5s.mpga', 3.5, 0],
  ['tone-30s.ogg', 30, 0],
  ['tone-3_5s.ogg', 3.5, 0],
  ['tone-vorbis-3_5s.ogg', 3.5, 0],
  ['tone-30s.webm', 30, 8],
  ['tone-3_5s.webm', 3.5, 8],
  ['tone-30s.mp4', 30, 128],
  ['tone-3_5s.mp4', 3.5, 128],
  ['tone-30s.m4a', 30, 128],
  ['tone-3_5s.m4a', 3.5, 128],
];

describe('readAudioDurationSeconds', () => {
  it.each(CASES)('%s: a %d s tone reads %d ms longer', async (file, madeSeconds, extraMs) => {
    const seconds = await readAudioDurationSeconds(await fixture(file));
    expect(seconds).toBeCloseTo(madeSeconds + extraMs / 1000, 9);
  });

  it('uses the hint when the bytes alone do not name the format', async () => {
    const mp3 = await fixture('tone-3_5s.mp3');
    expect(await readAudioDurationSeconds(mp3, { mimeType: 'audio/mpeg', fileName: 'clip.mpeg' })).toBe(3.5);
  });

  it('gives undefined for what is not audio or has no duration', async () => {
    expect(await readAudioDurationSeconds(new TextEncoder().encode('not audio at all'))).toBeUndefined();
    expect(await readAudioDurationSeconds(new Uint8Array(0))).toBeUndefined();
    // A WAV cut inside its header.
    expect(await readAudioDurationSeconds((await fixture('tone-3_5s.wav')).subarray(0, 30))).toBeUndefined();
  });
});

describe('readUploadDurationSeconds', () => {
  it('reads every kind of upload the SDKs accept', async () => {
    const bytes = await fixture('tone-30s.mp3');
    const uint8 = new Uint8Array(bytes);
    expect(await readUploadDurationSeconds(bytes)).toBe(30);
    expect(await readUploadDurationSeconds(uint8)).toBe(30);
    expect(await readUploadDurationSeconds(uint8.buffer)).toBe(30);
    expect(await readUploadDurationSeconds(new Blob([uint8]))).toBe(30);
    expect(await readUploadDurationSeconds(new File([uint8], 'a.mp3', { type: 'audio/mpeg' }))).toBe(30);
    expect(await readUploadDurationSeconds(createReadStream(join(FIXTURES, 'tone-30s.mp3')))).toBe(30);
    expect(await readUploadDurationSeconds(createReadStream(join(FIXTURES, 'tone-3_5s.flac')))).toBe(3.5);
  });

  it('reads a Blob of another implementation by slices, as the parser needs', async () => {
    const bytes = new Uint8Array(await fixture('tone-30s.webm'));
    const sliced: number[][] = [];
    const foreignBlob = {
      size: bytes.byteLength,
      type: 'audio/webm',
      name: 'clip.webm',
      slice(start: number, end: number) {
        sliced.push([start, end]);
        return { arrayBuffer: async () => bytes.slice(start, end).buffer };
      },
      arrayBuffer: async () => bytes.slice().buffer,
    };
    expect(await readUploadDurationSeconds(foreignBlob)).toBeCloseTo(30.008, 9);
    // Never the whole file in one read.
    expect(sliced.every(([start, end]) => end! - start! < bytes.byteLength)).toBe(true);
  });

  it('reads a Response from a clone and leaves its body to the SDK', async () => {
    const bytes = await fixture('tone-3_5s.ogg');
    const response = new Response(bytes, { headers: { 'content-type': 'audio/ogg' } });
    const duration = readUploadDurationSeconds(response);
    expect(response.bodyUsed).toBe(false);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(bytes));
    expect(await duration).toBe(3.5);
    // A body already read is the SDK's: nothing to read.
    expect(await readUploadDurationSeconds(response)).toBeUndefined();
  });

  it('never consumes a ReadStream it reads by path', async () => {
    const stream = createReadStream(join(FIXTURES, 'tone-3_5s.wav'));
    expect(await readUploadDurationSeconds(stream)).toBe(3.5);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(await fixture('tone-3_5s.wav'));
  });

  it('gives undefined for uploads by URL and everything it cannot read, without throwing', async () => {
    expect(await readUploadDurationSeconds({ url: 'https://example.com/clip.mp3' })).toBeUndefined();
    expect(await readUploadDurationSeconds('clip.mp3')).toBeUndefined();
    expect(await readUploadDurationSeconds(undefined)).toBeUndefined();
    expect(
      await readUploadDurationSeconds({ path: join(FIXTURES, 'missing.mp3'), pipe() {} }),
    ).toBeUndefined();
    expect(await readUploadDurationSeconds(new Blob(['RIFF']))).toBeUndefined();
  });
});
