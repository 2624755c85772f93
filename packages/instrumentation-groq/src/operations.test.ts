import { makeWav } from '@groqmeter/groq-simulator';
import {
  describeAudioToText,
  describeChatCompletion,
  describeSpeech,
  describeUnbilled,
} from '@groqmeter/recorder';
import { describe, expect, it } from 'vitest';

describe('describeChatCompletion', () => {
  it('describes a call from its parameters, content only when captured', () => {
    const params = { model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'hi' }], stream: true };
    const quiet = describeChatCompletion([params], false);
    expect(quiet.start).toEqual({
      operation: 'chat',
      requestModel: 'openai/gpt-oss-20b',
      stream: true,
      request: {},
    });
    expect(quiet.streamFacts).toBeDefined();
    expect(describeChatCompletion([params], true).start.content).toEqual({
      inputMessages: [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
    });
    expect(describeChatCompletion([{ ...params, stream: false }], false).streamFacts).toBeUndefined();
  });
});

describe('describeAudioToText', () => {
  it("prefers the answer's duration over the file's", async () => {
    const description = describeAudioToText('transcription')(
      [{ model: 'whisper-large-v3', file: new Blob([makeWav(4).slice()]), response_format: 'verbose_json' }],
      false,
    );
    expect(description.start).toEqual({
      operation: 'transcription',
      requestModel: 'whisper-large-v3',
      request: { outputType: 'json' },
    });
    expect(await description.result({ text: 'hello', duration: 4.02, x_groq: { id: 'req_9' } })).toEqual({
      groqRequestId: 'req_9',
      usage: { audioSeconds: 4.02 },
    });
  });

  it("falls back to the file's duration, and to missing usage when that is unknown", async () => {
    const fromFile = describeAudioToText('translation')(
      [{ model: 'whisper-large-v3', file: new Blob([makeWav(4).slice()]) }],
      false,
    );
    expect(await fromFile.result('plain text answer')).toEqual({ usage: { audioSeconds: 4 } });
    const byUrl = describeAudioToText('translation')(
      [{ model: 'whisper-large-v3', url: 'https://example.com/a.mp3' }],
      false,
    );
    expect(await byUrl.result({ text: 'hi' })).toEqual({});
  });
});

describe('describeSpeech', () => {
  it('bills the input characters without reading the audio', () => {
    const description = describeSpeech(
      [{ model: 'canopylabs/orpheus-v1-english', input: 'Hello there', voice: 'tara' }],
      false,
    );
    expect(description.resultNeedsBody).toBe(false);
    expect(description.start).toEqual({
      operation: 'speech',
      requestModel: 'canopylabs/orpheus-v1-english',
      request: { outputType: 'speech' },
    });
    expect(description.result(undefined)).toEqual({ usage: { characters: 11 } });
  });
});

describe('describeUnbilled', () => {
  it('records batches and models with an empty usage, never a missing one', () => {
    expect(describeUnbilled('batch')([{ input_file_id: 'file_1' }], false).result({ id: 'batch_1' })).toEqual(
      {
        responseId: 'batch_1',
        usage: {},
      },
    );
    expect(describeUnbilled('models')(['openai/gpt-oss-20b'], false).start).toEqual({
      operation: 'models',
      requestModel: 'openai/gpt-oss-20b',
    });
  });
});
