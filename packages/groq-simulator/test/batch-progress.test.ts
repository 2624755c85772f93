import Groq, { toFile } from 'groq-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index';

const clock = { now: Date.UTC(2026, 0, 1) };
const START = clock.now / 1000;
let sim: RunningSimulator;
let groq: Groq;
beforeAll(async () => {
  sim = await startSimulator({
    now: () => clock.now,
    batchTiming: { validatingSeconds: 30, inProgressSeconds: 600 },
  });
  groq = new Groq({ apiKey: 'k', baseURL: sim.url, maxRetries: 0 });
});
afterAll(() => sim.close());

const line = (id: string, content: string, model = 'openai/gpt-oss-20b') =>
  JSON.stringify({
    custom_id: id,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model, messages: [{ role: 'user', content }] },
  });

async function submit(lines: string[], headers?: Record<string, string>) {
  const file = await groq.files.create({
    purpose: 'batch',
    file: await toFile(Buffer.from(lines.join('\n')), 'in.jsonl'),
  });
  return groq.batches.create(
    {
      input_file_id: file.id ?? '',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { job: 'nightly' },
    },
    { headers },
  );
}

describe('batches that progress on the simulator clock', () => {
  it('validates, runs, completes, and bills exactly the usage its output file reports', async () => {
    sim.reset();
    const created = await submit([line('a', 'Hello there'), line('b', 'Hi'), line('c', 'Hi', 'gone-model')]);
    expect(created).toMatchObject({
      status: 'validating',
      in_progress_at: null,
      request_counts: { total: 0 },
    });
    clock.now += 30_000;
    expect(await groq.batches.retrieve(created.id)).toMatchObject({
      status: 'in_progress',
      in_progress_at: START + 30,
      output_file_id: null,
      request_counts: { total: 3, completed: 0, failed: 0 },
      metadata: { job: 'nightly' },
    });
    clock.now += 600_000;
    const done = await groq.batches.retrieve(created.id);
    expect(done).toMatchObject({
      status: 'completed',
      completed_at: START + 630,
      request_counts: { total: 3, completed: 2, failed: 1 },
    });
    const listed = await groq.batches.list();
    expect(listed.data[0]).toMatchObject({
      id: created.id,
      status: 'completed',
      output_file_id: done.output_file_id,
    });

    const output = (await (await groq.files.content(done.output_file_id ?? '')).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(output.map((o) => o.custom_id)).toEqual(['a', 'b']);
    expect(output[0]).toMatchObject({
      id: expect.stringMatching(/^batch_req_01/),
      response: {
        status_code: 200,
        request_id: expect.stringMatching(/^req_01/),
        body: { model: 'openai/gpt-oss-20b' },
      },
      error: null,
    });
    const prompt = output.reduce((sum, o) => sum + o.response.body.usage.prompt_tokens, 0);
    const completion = output.reduce((sum, o) => sum + o.response.body.usage.completion_tokens, 0);
    // 7 ("Hello there") + 5 ("Hi") prompt tokens; 32 completion tokens each.
    expect([prompt, completion]).toEqual([12, 64]);
    expect(sim.stats().models['openai/gpt-oss-20b']?.batch).toMatchObject({
      batchRequests: 2,
      promptTokens: prompt,
      completionTokens: completion,
    });
    const errors = (await (await groq.files.content(done.error_file_id ?? '')).text()).trim().split('\n');
    expect(errors.map((l) => JSON.parse(l).custom_id)).toEqual(['c']);
  });

  it('takes its timing from x-simulator-batch-timing and completes at once on x-simulator-batch-fast-forward', async () => {
    sim.reset();
    const quick = await submit([line('a', 'Hi')], { 'x-simulator-batch-timing': '0,0' });
    expect((await groq.batches.retrieve(quick.id)).status).toBe('completed');
    const slow = await submit([line('a', 'Hi')]);
    expect((await groq.batches.retrieve(slow.id)).status).toBe('validating');
    const forwarded = await groq.batches.retrieve(slow.id, {
      headers: { 'x-simulator-batch-fast-forward': 'true' },
    });
    expect(forwarded).toMatchObject({ status: 'completed', completed_at: clock.now / 1000 });
    expect((await groq.batches.retrieve(slow.id)).status).toBe('completed');
    const bad = await submit([line('a', 'Hi')], { 'x-simulator-batch-timing': 'soon' }).catch(
      (e: unknown) => e,
    );
    expect(bad).toMatchObject({ status: 400 });
  });
});
