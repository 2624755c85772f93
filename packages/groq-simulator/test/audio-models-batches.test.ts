import Groq, { toFile } from 'groq-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeWav, type RunningSimulator, startSimulator } from '../src/index';

const NOW = Date.UTC(2026, 0, 1);
let sim: RunningSimulator;
let groq: Groq;

beforeAll(async () => {
  sim = await startSimulator({ now: () => NOW });
  groq = new Groq({ apiKey: 'test-key', baseURL: sim.url, maxRetries: 0 });
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

describe('audio through groq-sdk', () => {
  it('transcribes a WAV as verbose_json with its duration, segments and x_groq', async () => {
    const { data, response } = await groq.audio.transcriptions
      .create({
        model: 'whisper-large-v3-turbo',
        file: await toFile(makeWav(12), 'meeting.wav'),
        response_format: 'verbose_json',
        language: 'de',
        timestamp_granularities: ['word', 'segment'],
      })
      .withResponse();
    const verbose = data as unknown as {
      task: string;
      language: string;
      duration: number;
      text: string;
      segments: Record<string, unknown>[];
      words: { word: string; start: number; end: number }[];
      x_groq: { id: string };
    };
    expect(verbose).toMatchObject({ task: 'transcribe', language: 'German', duration: 12 });
    expect(verbose.x_groq.id).toBe(response.headers.get('x-request-id'));
    expect(verbose.segments.map((s) => [s.id, s.seek, s.start, s.end, s.temperature])).toEqual([
      [0, 0, 0, 10, 0],
      [1, 1000, 10, 12, 0],
    ]);
    for (const segment of verbose.segments) {
      expect(segment.avg_logprob).toBeGreaterThanOrEqual(-0.5);
      expect(segment.avg_logprob).toBeLessThanOrEqual(-0.1);
      expect(segment.no_speech_prob).toBeLessThanOrEqual(0.05);
      expect(segment.compression_ratio).toBeGreaterThanOrEqual(1.2);
    }
    expect(verbose.text).toBe(verbose.segments.map((s) => s.text).join(''));
    expect(verbose.words).toHaveLength(30);
    expect(verbose.words[29]?.end).toBe(12);
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('2000');
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBeNull();
  });

  it('returns { text, x_groq } for json, plain text for text, and counts audio seconds with the 10 s minimum', async () => {
    const wav = await toFile(makeWav(4), 'a.wav');
    const json = await groq.audio.transcriptions.create({ model: 'whisper-large-v3', file: wav });
    expect(Object.keys(json)).toEqual(['text', 'x_groq']);
    expect(json.text.split(' ')).toHaveLength(1 + 10);
    const text = await groq.audio.translations.create({
      model: 'whisper-large-v3',
      file: await toFile(makeWav(4), 'a.wav'),
      response_format: 'text',
    });
    expect(typeof text).toBe('string');
    expect(text as unknown as string).toMatch(/^ [A-Z][a-z ]+\.$/);
    expect(sim.stats().models['whisper-large-v3']).toMatchObject({
      transcription: { requests: { '200': 1 }, audioSeconds: 4, audioBilledSeconds: 10 },
      translation: { requests: { '200': 1 }, audioSeconds: 4, audioBilledSeconds: 10 },
    });
  });

  it('computes the duration of a non-WAV upload from its size at 16 000 bytes/s', async () => {
    const mp3 = await toFile(new Uint8Array(48_000), 'voice.mp3');
    const result = await groq.audio.transcriptions.create({
      model: 'whisper-large-v3',
      file: mp3,
      response_format: 'verbose_json',
    });
    expect((result as unknown as { duration: number }).duration).toBe(3);
  });

  it('speaks: a WAV whose length follows the input length, and counts the characters', async () => {
    const input = 'Thirty characters of input...';
    const response = await groq.audio.speech.create({
      model: 'canopylabs/orpheus-v1-english',
      voice: 'autumn',
      input: `${input}!`,
    });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBe(44 + 2 * 48_000 * 2);
    const mulaw = await groq.audio.speech.create({
      model: 'canopylabs/orpheus-v1-english',
      voice: 'autumn',
      input: `${input}!`,
      response_format: 'mulaw',
      sample_rate: 8000,
    });
    expect((await mulaw.arrayBuffer()).byteLength).toBe(16_000);
    expect(sim.stats().models['canopylabs/orpheus-v1-english']?.speech?.speechCharacters).toBe(60);
  });

  it('rejects models of the wrong kind for audio', async () => {
    const error = await groq.audio.speech
      .create({ model: 'whisper-large-v3', voice: 'autumn', input: 'hi' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, error: { error: { code: 'model_not_supported' } } });
    const transcribeChat = await groq.audio.transcriptions
      .create({ model: 'openai/gpt-oss-20b', file: await toFile(makeWav(1), 'a.wav') })
      .catch((e: unknown) => e);
    expect(transcribeChat).toMatchObject({ status: 400 });
  });
});

describe('models through groq-sdk', () => {
  it('lists the catalogue with Groq fields and retrieves one model by its slash id', async () => {
    const list = await groq.models.list();
    expect(list.data.map((m) => m.id)).toEqual([
      'openai/gpt-oss-120b',
      'openai/gpt-oss-20b',
      'openai/gpt-oss-safeguard-20b',
      'qwen/qwen3.6-27b',
      'meta-llama/llama-guard-4-12b',
      'meta-llama/llama-prompt-guard-2-22m',
      'meta-llama/llama-prompt-guard-2-86m',
      'groq/compound',
      'groq/compound-mini',
      'whisper-large-v3',
      'whisper-large-v3-turbo',
      'canopylabs/orpheus-v1-english',
      'canopylabs/orpheus-arabic-saudi',
      'deepseek-r1-distill-llama-70b',
    ]);
    expect(await groq.models.retrieve('openai/gpt-oss-20b')).toEqual({
      id: 'openai/gpt-oss-20b',
      object: 'model',
      created: 1_754_407_957,
      owned_by: 'OpenAI',
      active: true,
      context_window: 131_072,
      public_apps: null,
      max_completion_tokens: 65_536,
    });
    await expect(groq.models.retrieve('nope')).rejects.toMatchObject({
      status: 404,
      error: { error: { code: 'model_not_found' } },
    });
  });
});

describe('files and batches through groq-sdk', () => {
  it('runs a batch: upload JSONL, create, retrieve completed, read the output file', async () => {
    const lines = [
      {
        custom_id: 'a',
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'Hello there' }] },
      },
      {
        custom_id: 'b',
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'no-such-model', messages: [{ role: 'user', content: 'Hi' }] },
      },
    ];
    const file = await groq.files.create({
      purpose: 'batch',
      file: await toFile(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), 'batch.jsonl'),
    });
    expect(file).toMatchObject({
      object: 'file',
      purpose: 'batch',
      filename: 'batch.jsonl',
      created_at: NOW / 1000,
    });
    const created = await groq.batches.create({
      input_file_id: file.id ?? '',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(created).toMatchObject({
      object: 'batch',
      status: 'validating',
      input_file_id: file.id,
      output_file_id: null,
    });
    const batch = await groq.batches.retrieve(created.id);
    expect(batch).toMatchObject({
      status: 'completed',
      request_counts: { total: 2, completed: 1, failed: 1 },
    });
    const output = (await (await groq.files.content(batch.output_file_id ?? '')).text()).trim().split('\n');
    expect(output).toHaveLength(1);
    const line = JSON.parse(output[0] ?? '');
    expect(line).toMatchObject({ custom_id: 'a', error: null, response: { status_code: 200 } });
    expect(line.response.body.usage).toMatchObject({
      prompt_tokens: 7,
      completion_tokens: 32,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    const errors = JSON.parse((await (await groq.files.content(batch.error_file_id ?? '')).text()).trim());
    expect(errors).toMatchObject({
      custom_id: 'b',
      response: { status_code: 404, body: { error: { code: 'model_not_found' } } },
    });
    expect((await groq.batches.list()).data.map((b) => b.id)).toEqual([created.id]);
    expect(sim.stats().models['openai/gpt-oss-20b']?.batch).toMatchObject({
      requests: { '200': 1 },
      promptTokens: 7,
      completionTokens: 32,
    });
    expect(await groq.files.delete(file.id ?? '')).toEqual({ id: file.id, object: 'file', deleted: true });
  });

  it('refuses an invalid batch file with the line that is wrong', async () => {
    const error = await groq.files
      .create({
        purpose: 'batch',
        file: await toFile(Buffer.from('{"custom_id":"a"}\nnot json'), 'bad.jsonl'),
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as InstanceType<typeof Groq.APIError>).error).toEqual({
      error: {
        message: `The batch file is invalid: line 1 must have "method": "POST", "url": "/v1/chat/completions" and an object "body".`,
        type: 'invalid_request_error',
        code: 'invalid_batch_file',
      },
    });
  });
});
