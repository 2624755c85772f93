import { describe, expect, it } from 'vitest';
import { makeWav, wavDurationSeconds } from './wav';

describe('makeWav / wavDurationSeconds', () => {
  it('writes a 16-bit mono PCM WAV whose header gives back the duration', () => {
    const wav = makeWav(2.5);
    expect(wav.byteLength).toBe(44 + 2.5 * 16_000 * 2);
    expect(Buffer.from(wav.subarray(0, 4)).toString('ascii')).toBe('RIFF');
    expect(wavDurationSeconds(wav)).toBe(2.5);
    expect(wavDurationSeconds(makeWav(1, 48_000))).toBe(1);
  });

  it('skips chunks before data (LIST) and reports undefined for non-WAV bytes', () => {
    const wav = Buffer.from(makeWav(1));
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect(wavDurationSeconds(withList)).toBe(1);
    expect(wavDurationSeconds(Buffer.from('ID3 not a wav'))).toBeUndefined();
  });

  it('rejects impossible durations', () => {
    expect(() => makeWav(0)).toThrow('seconds must be a number > 0');
    expect(() => makeWav(1, 0.5)).toThrow('sampleRate must be a whole number > 0');
  });
});
