import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWav, type RunningOpenAISimulator, startOpenAISimulator } from '../src/index';

let sim: RunningOpenAISimulator;
let openai: OpenAI;
const T = Date.parse('2026-11-21T10:00:00Z');

beforeAll(async () => {
  sim = await startOpenAISimulator({ now: () => T });
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: sim.url });
});
afterAll(() => sim.close());

describe('the OpenAI stand-in', () => {
  it('answers a chat completion in OpenAI shape: dated model, default tier, usage details', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Summarise the ticket' }],
    });
    expect(completion.model).toBe('gpt-4o-mini-2024-07-18');
    expect(completion.service_tier).toBe('default');
    // 4 overhead + ceil(20 / 4) = 9 prompt tokens; 24 answer words
    expect(completion.usage).toEqual({
      prompt_tokens: 9,
      completion_tokens: 24,
      total_tokens: 33,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    });
  });

  it('streams a chat completion with a final usage chunk when asked', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-5-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    // gpt-5-mini reasons: 24 words + 16 reasoning tokens
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(40);
    expect(chunks.at(-1)?.usage?.completion_tokens_details?.reasoning_tokens).toBe(16);
  });

  it('reports whisper-1 by duration and gpt-4o-transcribe by tokens', async () => {
    const wav = () => toFile(makeWav(12.5), 'call.wav', { type: 'audio/wav' });
    const whisper = await openai.audio.transcriptions.create({ model: 'whisper-1', file: await wav() });
    expect((whisper as unknown as { usage: unknown }).usage).toEqual({ type: 'duration', seconds: 13 });
    const tokens = await openai.audio.transcriptions.create({
      model: 'gpt-4o-transcribe',
      file: await wav(),
    });
    expect((tokens as unknown as { usage: unknown }).usage).toEqual({
      type: 'tokens',
      input_tokens: 125,
      input_token_details: { text_tokens: 0, audio_tokens: 125 },
      output_tokens: 11,
      total_tokens: 136,
    });
  });

  it('queues a background response and completes it on its second read, with usage only then', async () => {
    const queued = await openai.responses.create({ model: 'gpt-4.1-mini', input: 'Hi', background: true });
    expect(queued).toMatchObject({ status: 'queued', background: true, usage: null, output: [] });
    expect(await openai.responses.retrieve(queued.id)).toMatchObject({ status: 'in_progress', usage: null });
    const done = await openai.responses.retrieve(queued.id);
    expect(done).toMatchObject({ status: 'completed', background: true });
    expect(done.usage).toMatchObject({ input_tokens: 5, output_tokens: 24 });
    await expect(openai.responses.retrieve('resp_unknown')).rejects.toThrow(
      "Response with id 'resp_unknown' not found.",
    );
  });

  it('completes an Assistants run after it was polled, with usage only then', async () => {
    const assistant = await openai.beta.assistants.create({
      model: 'gpt-4.1-mini',
      instructions: 'Be brief.',
    });
    const thread = await openai.beta.threads.create({
      messages: [{ role: 'user', content: 'Where is my parcel?' }],
    });
    const created = await openai.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    expect([created.status, created.usage]).toEqual(['queued', null]);
    const run = await openai.beta.threads.runs.poll(created.id, { thread_id: thread.id });
    expect(run.status).toBe('completed');
    // system: 4 + ceil(9 / 4) = 7; user: 4 + ceil(19 / 4) = 9; 16 prompt tokens, 24 answer tokens
    expect(run.usage).toMatchObject({ prompt_tokens: 16, completion_tokens: 24, total_tokens: 40 });
    const messages = await openai.beta.threads.messages.list(thread.id);
    expect(messages.data.map((message) => message.role)).toEqual(['assistant', 'user']);
    expect(sim.stats().completedRuns).toBe(1);
  });

  it('streams a run to its thread.run.completed event', async () => {
    const assistant = await openai.beta.assistants.create({ model: 'gpt-4o' });
    const thread = await openai.beta.threads.create({ messages: [{ role: 'user', content: 'Hello' }] });
    const stream = openai.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    const run = await stream.finalRun();
    expect(run.status).toBe('completed');
    // user: 4 + ceil(5 / 4) = 6 prompt tokens
    expect(run.usage).toMatchObject({ prompt_tokens: 6, completion_tokens: 24 });
  });
});
