import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Groq, { toFile } from 'groq-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index';

const fixture = (name: string) => readFile(join(import.meta.dirname, 'audio', name));

let sim: RunningSimulator;
let groq: Groq;
beforeAll(async () => {
  sim = await startSimulator();
  groq = new Groq({ apiKey: 'k', baseURL: sim.url, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

async function verboseDuration(name: string): Promise<number> {
  const result = await groq.audio.transcriptions.create({
    model: 'whisper-large-v3-turbo',
    file: await toFile(await fixture(name), name),
    response_format: 'verbose_json',
  });
  return (result as unknown as { duration: number }).duration;
}

/**
 * What `music-metadata` reads of each 3.5 s tone (see test/audio/README.md): FLAC and Ogg Opus
 * exactly; MP3 as a gapless decoder plays it (51 frames × 576 samples at 8000 Hz = 3.672 s, less
 * the 1376 samples of delay and padding its LAME tag declares);
 * MP4/M4A with AAC's 1024 priming samples; WebM in whole milliseconds with Opus's codec delay.
 */
const CASES: readonly [string, number][] = [
  ['tone-3_5s.flac', 3.5],
  ['tone-3_5s.ogg', 3.5],
  ['tone-3_5s.mp3', 3.5],
  ['tone-3_5s.mpga', 3.5],
  ['tone-3_5s.m4a', 3.628],
  ['tone-3_5s.mp4', 3.628],
  ['tone-3_5s.webm', 3.508],
];

describe('uploads in every format Groq accepts', () => {
  it.each(CASES)('%s reports its duration in verbose_json', async (name, seconds) => {
    expect(await verboseDuration(name)).toBeCloseTo(seconds, 3);
  });

  it('bills the read duration, at least 10 s a request', async () => {
    expect(await verboseDuration('tone-30s.ogg')).toBe(30);
    expect(await verboseDuration('tone-30s.flac')).toBe(30);
    await verboseDuration('tone-3_5s.flac');
    expect(sim.stats().models['whisper-large-v3-turbo']?.transcription).toMatchObject({
      audioSeconds: 63.5,
      audioBilledSeconds: 70,
    });
  });

  it('bills a 30 s mp3 transcribed with the default json format as exactly 30 s', async () => {
    const result = await groq.audio.transcriptions.create({
      model: 'whisper-large-v3',
      file: await toFile(await fixture('tone-30s.mp3'), 'tone.mp3'),
    });
    expect(Object.keys(result).sort()).toEqual(['text', 'x_groq']);
    // 2.5 words a second of audio
    expect(result.text.trim().split(' ')).toHaveLength(75);
    expect(sim.stats().models['whisper-large-v3']?.transcription).toMatchObject({
      audioSeconds: 30,
      audioBilledSeconds: 30,
    });
  });

  it('returns only text and x_groq by default (response_format json)', async () => {
    const result = await groq.audio.translations.create({
      model: 'whisper-large-v3',
      file: await toFile(await fixture('tone-30s.ogg'), 'tone.ogg'),
    });
    expect(Object.keys(result).sort()).toEqual(['text', 'x_groq']);
    expect(sim.stats().models['whisper-large-v3']?.translation?.audioSeconds).toBe(30);
  });

  it('refuses a file type Groq does not accept', async () => {
    const refused = await groq.audio.transcriptions
      .create({ model: 'whisper-large-v3', file: await toFile(await fixture('tone-3_5s.flac'), 'tone.aiff') })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      status: 400,
      error: {
        error: {
          message: 'file must be one of the following types: [flac mp3 mp4 mpeg mpga m4a ogg wav webm]',
        },
      },
    });
  });
});
