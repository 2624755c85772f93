import { makeWav } from '@groqmeter/groq-simulator';
import { createFakeRecorder } from '@groqmeter/recorder/testing';
import { describe, expect, it } from 'vitest';
import { headersReadingAs } from '../test/headers-read-as.js';
import { instrumentGroqTranscriptionModel } from './transcription-model.js';
import type { TranscriptionCallOptionsLike } from './types.js';

/** A transcription model answering as `@ai-sdk/groq` does, or failing with `error`. */
function fakeModel(answer: { durationInSeconds?: number; error?: unknown } = {}) {
  const calls: TranscriptionCallOptionsLike[] = [];
  const model = {
    specificationVersion: 'v3' as const,
    provider: 'groq.transcription',
    modelId: 'whisper-large-v3',
    calls,
    async doGenerate(options: TranscriptionCallOptionsLike) {
      calls.push(options);
      if (answer.error !== undefined) throw answer.error;
      return {
        text: 'hello',
        durationInSeconds: answer.durationInSeconds,
        response: {
          modelId: 'whisper-large-v3',
          headers: { 'x-ratelimit-remaining-requests': '19' },
          body: { text: 'hello', x_groq: { id: 'req_01abc' } },
        },
      };
    },
  };
  return model;
}

describe('instrumentGroqTranscriptionModel', () => {
  it('records the audio seconds of base64 audio when the answer has no duration', async () => {
    const recorder = createFakeRecorder();
    const model = fakeModel();
    const metered = instrumentGroqTranscriptionModel(model, { recorder });
    const audio = Buffer.from(makeWav(2.5)).toString('base64');
    const params = {
      audio,
      mediaType: 'audio/wav',
      providerOptions: {
        groq: { responseFormat: 'text', temperature: 0.2 },
        groqmeter: { feature: 'notes' },
      },
    };
    const result = await metered.doGenerate(params);

    expect(result).toMatchObject({ text: 'hello' });
    expect(model.calls).toEqual([params]);
    // The proxy is the model in every other respect.
    expect([metered.specificationVersion, metered.provider, metered.modelId]).toEqual([
      'v3',
      'groq.transcription',
      'whisper-large-v3',
    ]);
    expect(recorder.operations).toEqual([
      {
        start: {
          operation: 'transcription',
          source: 'ai-sdk',
          requestModel: 'whisper-large-v3',
          request: { temperature: 0.2, outputType: 'text' },
          attributes: { feature: 'notes' },
        },
        events: [
          {
            type: 'attempt',
            facts: { headers: headersReadingAs({ 'x-ratelimit-remaining-requests': '19' }) },
          },
          {
            type: 'end',
            result: {
              responseModel: 'whisper-large-v3',
              groqRequestId: 'req_01abc',
              usage: { audioSeconds: 2.5 },
            },
          },
        ],
      },
    ]);
  });

  it('takes the duration Groq reports over the bytes', async () => {
    const recorder = createFakeRecorder();
    const metered = instrumentGroqTranscriptionModel(fakeModel({ durationInSeconds: 7.25 }), { recorder });
    await metered.doGenerate({ audio: makeWav(2), mediaType: 'audio/wav' });
    expect(recorder.operations[0]?.events.at(-1)).toMatchObject({
      type: 'end',
      result: { usage: { audioSeconds: 7.25 } },
    });
  });

  it('fails the operation with the error and rethrows it unchanged; an abort abandons it', async () => {
    const recorder = createFakeRecorder();
    const error = Object.assign(new Error('Too Many Requests'), { statusCode: 429 });
    const metered = instrumentGroqTranscriptionModel(fakeModel({ error }), { recorder });
    await expect(metered.doGenerate({ audio: makeWav(1), mediaType: 'audio/wav' })).rejects.toBe(error);

    const abort = new AbortController();
    abort.abort();
    const aborted = Object.assign(new Error('aborted'), { name: 'AbortError' });
    const abortedModel = instrumentGroqTranscriptionModel(fakeModel({ error: aborted }), { recorder });
    await expect(
      abortedModel.doGenerate({ audio: makeWav(1), mediaType: 'audio/wav', abortSignal: abort.signal }),
    ).rejects.toBe(aborted);

    expect(recorder.operations.map((operation) => operation.events)).toEqual([
      [{ type: 'fail', failure: { error } }],
      [{ type: 'abandon' }],
    ]);
  });
});
