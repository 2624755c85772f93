import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWav } from '@groqmeter/groq-simulator';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { toFile } from 'groq-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeringWith } from './groq-fixture.js';
import { costAttributes, priced, pricedUsd, useSimulatorSuite } from './simulator-suite.js';

const WHISPER = 'whisper-large-v3-turbo';
const TTS = 'canopylabs/orpheus-v1-english';
const AUDIO_SECONDS = 3.5;

const suite = useSimulatorSuite();

/** A span's `groq.cost.*` attributes. */
function spanCostAttributes(span: ReadableSpan): Record<string, unknown> {
  return Object.fromEntries(Object.entries(span.attributes).filter(([key]) => key.startsWith('groq.cost.')));
}
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'groqmeter-audio-'));
});
afterAll(() => rm(directory, { recursive: true, force: true }));

function audioSpanFacts(operation: 'transcription' | 'translation') {
  const usage = { audioSeconds: AUDIO_SECONDS };
  return {
    'gen_ai.operation.name': operation,
    'gen_ai.provider.name': 'groq',
    'gen_ai.request.model': WHISPER,
    'server.address': '127.0.0.1',
    'server.port': suite.simulator.port,
    'groqmeter.source': 'groq-sdk',
    'groqmeter.operation.type': operation,
    'groq.ratelimit.remaining.requests': expect.any(Number),
    'groq.usage.audio_seconds': AUDIO_SECONDS,
    ...costAttributes(WHISPER, operation, usage),
    'groq.retries': 0,
  };
}

describe('audio.transcriptions.create', () => {
  it('bills the duration read from the uploaded WAV file (10 s minimum)', async () => {
    const groq = suite.instrumentedClient();
    const file = await toFile(makeWav(AUDIO_SECONDS), 'question.wav', { type: 'audio/wav' });
    const transcription = await groq.audio.transcriptions.create({ model: WHISPER, file });
    expect(transcription.text.length).toBeGreaterThan(0);

    const span = await suite.endedSpan();
    expect(span.name).toBe(`transcription ${WHISPER}`);
    expect(span.attributes).toEqual({
      ...audioSpanFacts('transcription'),
      'groq.request_id': (transcription as { x_groq?: { id?: string } }).x_groq?.id,
    });
    expect(await suite.telemetry.points('groq.audio.billed.seconds')).toEqual([
      { attributes: { model: WHISPER, operation: 'transcription', provider: 'groq' }, value: 10 },
    ]);
    expect(await suite.telemetry.points('groq.cost.usd')).toEqual([
      {
        attributes: {
          model: WHISPER,
          operation: 'transcription',
          provider: 'groq',
          service_tier: 'on_demand',
          batch: 'false',
          component: 'audio',
        },
        value: pricedUsd(WHISPER, { audioSeconds: AUDIO_SECONDS }),
      },
    ]);
  });

  it('takes the duration of a verbose_json answer', async () => {
    const groq = suite.instrumentedClient();
    const file = await toFile(makeWav(12.25), 'long.wav');
    const transcription = await groq.audio.transcriptions.create({
      model: WHISPER,
      file,
      response_format: 'verbose_json',
      temperature: 0,
    });
    expect((transcription as { duration?: number }).duration).toBe(12.25);
    const span = await suite.endedSpan();
    expect(span.attributes['gen_ai.output.type']).toBe('json');
    expect(span.attributes['gen_ai.request.temperature']).toBe(0);
    expect(span.attributes['groq.cost.usd']).toBe(priced(WHISPER, { audioSeconds: 12.25 }));
    expect(await suite.telemetry.points('groq.audio.billed.seconds')).toEqual([
      { attributes: { model: WHISPER, operation: 'transcription', provider: 'groq' }, value: 12.25 },
    ]);
  });

  it('reads the duration of an fs.ReadStream upload from its path, leaving the stream to the SDK', async () => {
    const path = join(directory, 'meeting.wav');
    await writeFile(path, makeWav(AUDIO_SECONDS));
    const groq = suite.instrumentedClient();
    const text = await groq.audio.transcriptions.create({
      model: WHISPER,
      file: createReadStream(path),
      response_format: 'text',
    });
    expect(typeof text).toBe('string');
    expect(suite.simulator.stats().models[WHISPER]?.transcription?.audioSeconds).toBe(AUDIO_SECONDS);
    const span = await suite.endedSpan();
    expect(span.attributes['gen_ai.output.type']).toBe('text');
    expect(span.attributes['groq.cost.usd']).toBe(priced(WHISPER, { audioSeconds: AUDIO_SECONDS }));
  });

  it('records usage as missing when neither the answer nor the file tells the duration', async () => {
    const groq = suite.instrumentedClient();
    // Not a WAV file: the simulator assumes a bitrate, the instrumentation does not guess.
    const file = await toFile(new Uint8Array(32_000).fill(7), 'voice.mp3', { type: 'audio/mpeg' });
    await groq.audio.transcriptions.create({ model: WHISPER, file });
    expect((await suite.endedSpan()).attributes['groq.cost.usd']).toBeUndefined();
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([
      { attributes: { reason: 'usage_missing' }, value: 1 },
    ]);
  });
});

describe('audio.translations.create', () => {
  it('bills the translated audio like a transcription', async () => {
    const groq = suite.instrumentedClient();
    const file = await toFile(makeWav(AUDIO_SECONDS), 'bonjour.wav');
    const translation = await groq.audio.translations.create({ model: WHISPER, file });
    expect((await suite.endedSpan()).attributes).toEqual({
      ...audioSpanFacts('translation'),
      'groq.request_id': (translation as { x_groq?: { id?: string } }).x_groq?.id,
    });
    expect(await suite.telemetry.points('groq.audio.billed.seconds')).toEqual([
      { attributes: { model: WHISPER, operation: 'translation', provider: 'groq' }, value: 10 },
    ]);
  });
});

describe('audio.speech.create', () => {
  const input = 'Your token budget resets in two minutes.';

  it('bills the input characters and leaves the audio body unread', async () => {
    const groq = suite.instrumentedClient();
    const response = await groq.audio.speech.create({
      model: TTS,
      input,
      voice: 'tara',
      response_format: 'wav',
    });
    expect(response.bodyUsed).toBe(false);
    const audio = new Uint8Array(await response.arrayBuffer());
    expect(String.fromCharCode(...audio.subarray(0, 4))).toBe('RIFF');

    const span = suite.onlySpan();
    expect(span.name).toBe(`speech ${TTS}`);
    expect(span.attributes).toMatchObject({
      'gen_ai.operation.name': 'speech',
      'gen_ai.output.type': 'speech',
      'groq.cost.usd': priced(TTS, { characters: input.length }),
      'groq.cost.known': true,
    });
    expect(await suite.telemetry.points('groq.speech.characters')).toEqual([
      { attributes: { model: TTS }, value: input.length },
    ]);
  });

  it('records speech taken with .asResponse() from the request alone', async () => {
    const groq = suite.instrumentedClient();
    const response = await groq.audio.speech.create({ model: TTS, input, voice: 'tara' }).asResponse();
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(44);
    await suite.endedSpan();
    expect(await suite.telemetry.points('groq.speech.characters')).toEqual([
      { attributes: { model: TTS }, value: input.length },
    ]);
  });
});

describe('embeddings.create', () => {
  it('counts the input tokens of an embedding', async () => {
    const answer = {
      object: 'list',
      model: 'nomic-embed-text-v1_5',
      data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }],
      usage: { prompt_tokens: 9, total_tokens: 9 },
    };
    const groq = suite.instrumentedClient({}, { fetch: answeringWith(answer) });
    await groq.embeddings.create({ model: 'nomic-embed-text-v1_5', input: 'rate limit headroom' });
    const span = suite.onlySpan();
    expect(span.name).toBe('embeddings nomic-embed-text-v1_5');
    expect(span.attributes['gen_ai.usage.input_tokens']).toBe(9);
    expect(await suite.telemetry.points('groq.tokens')).toEqual([
      {
        attributes: {
          model: 'nomic-embed-text-v1_5',
          operation: 'embeddings',
          provider: 'groq',
          type: 'input',
        },
        value: 9,
      },
    ]);
  });
});

describe('batches.create and models', () => {
  it('records the creation of a batch without billing tokens', async () => {
    const groq = suite.instrumentedClient();
    const line = JSON.stringify({
      custom_id: 'r1',
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'hi' }] },
    });
    const input = await groq.files.create({
      file: await toFile(Buffer.from(`${line}\n`), 'batch.jsonl'),
      purpose: 'batch',
    });
    expect(input.id).toEqual(expect.any(String));
    const batch = await groq.batches.create({
      input_file_id: input.id ?? '',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const span = suite.onlySpan();
    expect(span.name).toBe('batch');
    expect(span.attributes['gen_ai.response.id']).toBe(batch.id);
    expect(await suite.telemetry.points('groq.tokens')).toEqual([]);
    expect(await suite.telemetry.points('groq.requests')).toEqual([
      {
        attributes: {
          model: '',
          operation: 'batch',
          provider: 'groq',
          outcome: 'success',
          error_type: '',
          status_code: '',
        },
        value: 1,
      },
    ]);
    expect(spanCostAttributes(span)).toEqual({});
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([]);
  });

  it('records models.list and models.retrieve with no tokens and no cost', async () => {
    const groq = suite.instrumentedClient();
    const models = await groq.models.list();
    await groq.models.retrieve('openai/gpt-oss-20b');
    expect(models.data.length).toBeGreaterThan(0);
    expect(suite.telemetry.spans().map((span) => span.name)).toEqual(['models', 'models openai/gpt-oss-20b']);
    expect(await suite.telemetry.points('groq.tokens')).toEqual([]);
    expect(await suite.telemetry.points('groq.cost.usd')).toEqual([]);
    expect(
      (await suite.telemetry.points('groq.requests')).map((point) => point.attributes.operation),
    ).toEqual(['models', 'models']);
    // Nothing billable: not priced at all, so neither a $0 cost nor an unknown one.
    expect(suite.telemetry.spans().map(spanCostAttributes)).toEqual([{}, {}]);
    expect(await suite.telemetry.points('groqmeter.dropped')).toEqual([]);
  });
});
