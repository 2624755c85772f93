import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeWav } from '@groqmeter/groq-simulator';
import { useTelemetryHarness } from '@groqmeter/recorder/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { instrumentGroqTranscriptionModel, type TranscriptionModelLike } from '../src/index.js';
import { useGroqSimulator } from './simulator-calls.js';

/** The transcription model every test calls: $0.04 per hour of audio, 10 s minimum. */
export const TRANSCRIPTION_MODEL = 'whisper-large-v3-turbo';
/** The recorder's 30 s MP3 fixture (a tone made by ffmpeg). */
const MP3_30S = join(import.meta.dirname, '..', '..', 'recorder', 'test', 'audio', 'tone-30s.mp3');

/** What each `ai` major's `experimental_transcribe` is called with here. */
export interface TranscribeCall<T> {
  model: T;
  audio: Uint8Array;
  providerOptions?: Record<string, Record<string, string>>;
}

/** One `ai` major's transcription: `T` is its `@ai-sdk/groq` transcription model type. */
export interface AiSdkTranscription<T extends TranscriptionModelLike> {
  /** This major's `createGroq({ apiKey, baseURL }).transcription(modelId)`. */
  transcriptionModel(baseURL: string, modelId: string): T;
  /** This major's `experimental_transcribe`, returning the transcript's text. */
  transcribe(call: TranscribeCall<T>): Promise<{ text: string }>;
}

/**
 * The transcription tests every `ai` major runs: the audio seconds from the uploaded bytes when
 * Groq's answer has no duration (`json`, its default), from the answer with `verbose_json`, and
 * usage missing when neither tells.
 */
export function describeAiSdkTranscription<T extends TranscriptionModelLike>(
  title: string,
  major: AiSdkTranscription<T>,
): void {
  const telemetry = useTelemetryHarness({ beforeAll, beforeEach, afterAll }, { pointOrder: 'attributes' });
  const simulator = useGroqSimulator();
  const meteredModel = () =>
    instrumentGroqTranscriptionModel(
      major.transcriptionModel(simulator().openaiBaseURL, TRANSCRIPTION_MODEL),
      {
        tracerProvider: telemetry.tracerProvider,
        meterProvider: telemetry.meterProvider,
      },
    );
  const labels = { model: TRANSCRIPTION_MODEL, operation: 'transcription', provider: 'groq' };

  describe(title, () => {
    it('a 30 s MP3 with the default json format costs exactly 30 s, read from the bytes', async () => {
      const audio = new Uint8Array(await readFile(MP3_30S));
      const result = await major.transcribe({
        model: meteredModel(),
        audio,
        providerOptions: { groqmeter: { feature: 'notes', 'user.id': 'u-7' } },
      });
      expect(result.text.length).toBeGreaterThan(0);

      const [span] = telemetry.spans();
      expect(span?.name).toBe(`transcription ${TRANSCRIPTION_MODEL}`);
      expect(span?.attributes).toMatchObject({
        'gen_ai.operation.name': 'transcription',
        'gen_ai.request.model': TRANSCRIPTION_MODEL,
        'groqmeter.source': 'ai-sdk',
        'groqmeter.operation.type': 'transcription',
        feature: 'notes',
        'user.id': 'u-7',
        'groq.usage.audio_seconds': 30,
        // $0.04 per hour × 30 s = $1/3000; 3.6e18 quanta per USD make 30 s exactly 1.2e15.
        'groq.cost.usd': '0.000333333333',
        'groq.cost.quanta': '1200000000000000',
        'groq.ratelimit.remaining.requests': expect.any(Number),
      });
      expect(span?.attributes['groq.request_id']).toMatch(/^req_/);
      // Billed audio is labelled by model and operation only (docs/telemetry.md).
      expect(await telemetry.points('groq.audio.billed.seconds')).toEqual([
        { attributes: labels, value: 30 },
      ]);
      expect(await telemetry.points('groq.requests')).toEqual([
        {
          attributes: { feature: 'notes', ...labels, outcome: 'success', error_type: '', status_code: '' },
          value: 1,
        },
      ]);
    });

    it('verbose_json: the answer’s duration is the billed length (10 s minimum applies per call)', async () => {
      const model = meteredModel();
      const verbose = { groq: { responseFormat: 'verbose_json' } };
      await major.transcribe({ model, audio: makeWav(12), providerOptions: verbose });
      await major.transcribe({ model, audio: makeWav(3), providerOptions: verbose });
      expect(telemetry.spans().map((span) => span.attributes['groq.usage.audio_seconds'])).toEqual([12, 3]);
      expect(telemetry.spans().map((span) => span.attributes['gen_ai.output.type'])).toEqual([
        'json',
        'json',
      ]);
      // 12 s + the 3 s call's 10 s minimum.
      expect(await telemetry.points('groq.audio.billed.seconds')).toEqual([
        { attributes: labels, value: 22 },
      ]);
      // $0.04 per hour × 22 s.
      const [cost] = await telemetry.points('groq.cost.usd');
      expect(cost?.value).toBeCloseTo((0.04 * 22) / 3600, 15);
    });

    it('bytes that are no audio format and an answer without duration: usage missing, not $0', async () => {
      // 48,000 bytes the simulator takes for 3 s of audio; no parser can read a length from them.
      await major.transcribe({ model: meteredModel(), audio: new Uint8Array(48_000).fill(0x55) });
      expect(telemetry.spans()[0]?.attributes['groq.usage.audio_seconds']).toBeUndefined();
      expect(await telemetry.points('groq.cost.usd')).toEqual([]);
      expect(await telemetry.points('groqmeter.dropped')).toEqual([
        { attributes: { reason: 'usage_missing' }, value: 1 },
      ]);
    });
  });
}
