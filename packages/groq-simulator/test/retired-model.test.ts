import Groq from 'groq-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../src/index';

let sim: RunningSimulator | undefined;
afterEach(() => sim?.close());

describe('a retired model that still answers', () => {
  it('answers deepseek-r1-distill-llama-70b with 200 and raw <think> reasoning by default', async () => {
    sim = await startSimulator();
    const groq = new Groq({ apiKey: 'k', baseURL: sim.url });
    const answer = await groq.chat.completions.create({
      model: 'deepseek-r1-distill-llama-70b',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(answer.model).toBe('deepseek-r1-distill-llama-70b');
    expect(answer.choices[0]?.message.content?.startsWith('<think>')).toBe(true);
    // 7 = 4 + ceil(11 / 4); 32 completion tokens of which 16 reasoning.
    expect(answer.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 32, total_tokens: 39 });
    expect(sim.stats().models['deepseek-r1-distill-llama-70b']?.chat).toMatchObject({
      requests: { '200': 1 },
      promptTokens: 7,
      completionTokens: 32,
      reasoningTokens: 16,
    });
  });

  it('serves another retired id when configured, and none with null', async () => {
    sim = await startSimulator({ retiredModel: 'llama3-70b-8192' });
    const groq = new Groq({ apiKey: 'k', baseURL: sim.url, maxRetries: 0 });
    const answer = await groq.chat.completions.create({
      model: 'llama3-70b-8192',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(answer.usage?.prompt_tokens).toBe(5);
    const gone = await groq.chat.completions
      .create({ model: 'deepseek-r1-distill-llama-70b', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404 });
    await sim.close();
    sim = await startSimulator({ retiredModel: null });
    const models = await new Groq({ apiKey: 'k', baseURL: sim.url }).models.list();
    expect(models.data.map((m) => m.id)).not.toContain('deepseek-r1-distill-llama-70b');
  });
});
