import type { ModelConfig } from '@groqmeter/groq-simulator';
import { MODELS } from './workload-mix.js';

/** The simulator accepts any key; a real run reads GROQ_API_KEY from the environment. */
export const SIMULATOR_API_KEY = 'gsk_groqmeter_demo_simulator';

/** How often the exporter's batch reconciler asks the simulator for finished batches, in seconds. */
export const DEMO_BATCH_POLL_SECONDS = 2;

/**
 * Simulator overrides for the demo: the summarizer's model gets a tight tokens-per-minute budget
 * (as on Groq's free plan under a burst of long prompts), so its headroom runs low and real
 * rate-limit 429s appear next to the injected ones.
 */
export const DEMO_SIMULATOR_MODELS: Record<string, ModelConfig> = {
  [MODELS.summaries]: { limits: { tokensPerMinute: 4000 } },
};
