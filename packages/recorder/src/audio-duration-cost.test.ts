import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationStart, T0 } from '../test/fixtures.js';
import { useRecorderTestbed } from '../test/harness.js';
import { readUploadDurationSeconds } from './audio-duration.js';

const bed = useRecorderTestbed();

describe('a 30 s MP3 transcribed with response_format json (no duration in the answer)', () => {
  it('costs exactly 30 s at the model price, from the uploaded bytes', async () => {
    const mp3 = await readFile(join(import.meta.dirname, '..', 'test', 'audio', 'tone-30s.mp3'));
    const op = bed.recorder().start(operationStart('transcription', 'whisper-large-v3-turbo'));
    const audioSeconds = await readUploadDurationSeconds(new File([new Uint8Array(mp3)], 'tone.mp3'));
    op.end({ usage: audioSeconds === undefined ? undefined : { audioSeconds } }, T0 + 10);

    const attributes = bed.harness.onlySpan().attributes;
    expect(attributes['groq.usage.audio_seconds']).toBe(30);
    // $0.04 per hour × 30 s = $1/3000 = 0.000333333333… USD. One USD is 3.6e18 quanta (10 s are
    // 4e14 quanta at this price), so 30 s are exactly 1.2e15 quanta.
    expect(attributes['groq.cost.usd']).toBe('0.000333333333');
    expect(attributes['groq.cost.quanta']).toBe('1200000000000000');
    // whisper-1 at $0.006 per minute: 30 s = $0.003 = 1.08e16 quanta.
    expect(attributes['groq.cost.baseline.quanta']).toBe('10800000000000000');
    expect(await bed.harness.points('groq.audio.billed.seconds')).toEqual([
      {
        attributes: { model: 'whisper-large-v3-turbo', operation: 'transcription', provider: 'groq' },
        value: 30,
      },
    ]);
    const [cost] = await bed.harness.points('groq.cost.usd');
    expect(cost!.value).toBeCloseTo(1 / 3000, 15);
  });
});
