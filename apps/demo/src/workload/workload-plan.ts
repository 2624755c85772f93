import { createRandom } from '@groqmeter/groq-simulator';
import {
  type SdkName,
  type StepKind,
  type StepTemplate,
  SYSTEM_PROMPTS,
  TEXTS,
  WORKLOAD_MIX,
} from './workload-mix.js';

/** One request of the workload. */
export interface WorkloadStep {
  /** Position in its SDK's plan, from 0. */
  index: number;
  kind: StepKind;
  model: string;
  feature: string;
  /** The system prompt of a chat step; `''` for none. */
  system: string;
  /** The user's text: the prompt, the image question, or the text to speak. */
  text: string;
  /** Length of the recording to transcribe (some under Groq's 10 s billing minimum). */
  audioSeconds?: number;
  /** Ask the simulator to refuse the first attempt with a 429, so the SDK's retry is exercised. */
  injected429: boolean;
}

/** Share of steps whose first attempt the simulator answers with a 429. */
export const INJECTED_429_SHARE = 0.06;

/**
 * The endless, deterministic request sequence of one SDK: the same seed and SDK give the same
 * steps, so two demo runs send the same requests in the same order. The first steps go through
 * every kind of request once (in a seeded order), so that even a short run shows each operation;
 * after that the mix's weights decide.
 */
export function* planWorkload(sdk: SdkName, seed: number): Generator<WorkloadStep, never> {
  const random = createRandom(seedFor(sdk, seed));
  const mix = WORKLOAD_MIX[sdk];
  const tour = shuffled(mix, random);
  for (let index = 0; ; index += 1) {
    const template = tour[index] ?? pickWeighted(mix, random());
    const texts = TEXTS[template.feature] ?? [''];
    const step: WorkloadStep = {
      index,
      kind: template.kind,
      model: template.model,
      feature: template.feature,
      system: template.kind === 'vision' ? '' : (SYSTEM_PROMPTS[template.feature] ?? ''),
      text: texts[Math.floor(random() * texts.length)] ?? '',
      injected429: random() < INJECTED_429_SHARE,
    };
    if (template.kind === 'transcription') step.audioSeconds = 3 + Math.floor(random() * 38);
    yield step;
  }
}

/** A seeded Fisher-Yates shuffle. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function pickWeighted(mix: readonly StepTemplate[], roll: number): StepTemplate {
  let remaining = roll * mix.reduce((sum, template) => sum + template.weight, 0);
  for (const template of mix) {
    remaining -= template.weight;
    if (remaining < 0) return template;
  }
  return mix[mix.length - 1] as StepTemplate;
}

/** Each SDK gets its own stream of numbers from the one seed. */
function seedFor(sdk: SdkName, seed: number): number {
  let hash = seed >>> 0;
  for (const char of sdk) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}
