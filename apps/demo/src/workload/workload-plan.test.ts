import { describe, expect, it } from 'vitest';
import { SDKS, type SdkName, WORKLOAD_MIX } from './workload-mix.js';
import { planWorkload, type WorkloadStep } from './workload-plan.js';

function firstSteps(sdk: SdkName, seed: number, count: number): WorkloadStep[] {
  const plan = planWorkload(sdk, seed);
  return Array.from({ length: count }, () => plan.next().value);
}

describe('planWorkload', () => {
  it('sends the same requests for the same seed and different ones for another seed', () => {
    expect(firstSteps('groq-sdk', 42, 50)).toEqual(firstSteps('groq-sdk', 42, 50));
    expect(firstSteps('groq-sdk', 43, 50)).not.toEqual(firstSteps('groq-sdk', 42, 50));
    expect(firstSteps('langchain', 42, 50)).not.toEqual(firstSteps('ai-sdk', 42, 50));
  });

  it('numbers the steps and gives transcriptions an audio length of 3 to 40 s', () => {
    const steps = firstSteps('groq-sdk', 7, 400);
    expect(steps.map((step) => step.index)).toEqual(Array.from({ length: 400 }, (_, index) => index));
    const audio = steps
      .filter((step) => step.kind === 'transcription')
      .map((step) => step.audioSeconds ?? -1);
    expect(audio.length).toBeGreaterThan(0);
    expect(Math.min(...audio)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...audio)).toBeLessThanOrEqual(40);
    expect(steps.filter((step) => step.kind !== 'transcription' && step.audioSeconds !== undefined)).toEqual(
      [],
    );
  });

  it.each(SDKS)('follows the %s mix by weight and injects 429s into about 6% of steps', (sdk) => {
    const steps = firstSteps(sdk, 42, 6000);
    const mix = WORKLOAD_MIX[sdk];
    const totalWeight = mix.reduce((sum, template) => sum + template.weight, 0);
    for (const template of mix) {
      const share =
        steps.filter(
          (step) =>
            step.kind === template.kind && step.model === template.model && step.feature === template.feature,
        ).length / steps.length;
      expect(share).toBeCloseTo(template.weight / totalWeight, 1);
    }
    expect(steps.filter((step) => step.injected429).length / steps.length).toBeCloseTo(0.06, 1);
  });

  it.each(SDKS)('starts the %s plan with one step of every kind in the mix', (sdk) => {
    const mix = WORKLOAD_MIX[sdk];
    const tour = firstSteps(sdk, 42, mix.length).map((step) => `${step.kind} ${step.model} ${step.feature}`);
    expect(tour.sort()).toEqual(
      mix.map((template) => `${template.kind} ${template.model} ${template.feature}`).sort(),
    );
  });

  it('keeps audio on groq-sdk: ChatGroq and the AI SDK language model are chat-only', () => {
    for (const sdk of ['langchain', 'ai-sdk'] as const) {
      const kinds = new Set(firstSteps(sdk, 42, 500).map((step) => step.kind));
      expect([...kinds].sort()).toEqual(['chat', 'stream', 'tools', 'vision']);
    }
  });

  it("gives chat steps their feature's system prompt, and image, audio, compound and batch steps none", () => {
    const steps = [...firstSteps('groq-sdk', 42, 300), ...firstSteps('langchain', 42, 300)];
    const summarizer = steps.find((step) => step.feature === 'summarizer');
    expect(summarizer?.system).toBe('You summarize documents faithfully and never add facts.');
    const support = steps.filter((step) => step.feature === 'support-chat').map((step) => step.system.length);
    expect(Math.min(...support)).toBeGreaterThan(512);
    const withoutSystem = new Set(steps.filter((step) => step.system === '').map((step) => step.kind));
    expect([...withoutSystem].sort()).toEqual(['batch', 'compound', 'speech', 'transcription', 'vision']);
  });
});
