import type { ModelConfig } from '@groqmeter/groq-simulator';
import { MODELS } from './workload-mix.js';

/**
 * Simulator overrides for the demo: the summarizer's model gets a tight tokens-per-minute budget
 * (as on Groq's free plan under a burst of long prompts), so its headroom runs low and real
 * rate-limit 429s appear next to the injected ones.
 */
export const DEMO_SIMULATOR_MODELS: Record<string, ModelConfig> = {
  [MODELS.summaries]: { limits: { tokensPerMinute: 4000 } },
};
