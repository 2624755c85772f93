import { createGroq } from '@ai-sdk/groq';
import { groqmeter } from '@groqmeter/ai-sdk';
import {
  generateText,
  jsonSchema,
  type LanguageModel,
  type ModelMessage,
  streamText,
  tool,
  wrapLanguageModel,
} from 'ai';
import { simulatorFaultHeaders } from './simulator-faults.js';
import type { WorkerConfig } from './worker-protocol.js';
import { MAX_OUTPUT_TOKENS, ORDER_STATUS_TOOL, SAMPLE_IMAGE_URL } from './workload-mix.js';
import type { WorkloadStep } from './workload-plan.js';
import type { StepDriver } from './workload-runner.js';

/**
 * Sends steps through the Vercel AI SDK (`@ai-sdk/groq` wrapped with the groqmeter middleware):
 * `generateText`, `streamText`, a tool and an image part. The feature goes in `providerOptions`.
 */
export function createAiSdkDriver(config: WorkerConfig, apiKey: string): StepDriver {
  const groq = createGroq({ apiKey, baseURL: config.openaiBaseURL });
  const middleware = groqmeter();
  const models = new Map<string, LanguageModel>();
  const modelFor = (id: string): LanguageModel => {
    const model = models.get(id) ?? wrapLanguageModel({ model: groq(id), middleware });
    models.set(id, model);
    return model;
  };
  return {
    run: (step, abortSignal) =>
      send(step, {
        model: modelFor(step.model),
        abortSignal,
        maxRetries: 1,
        maxOutputTokens: MAX_OUTPUT_TOKENS,
        headers: simulatorFaultHeaders(
          step,
          `${config.serviceName}-${config.seed}-${step.index}`,
          config.injectFaults,
        ),
        providerOptions: { groqmeter: { feature: step.feature } },
      }),
  };
}

interface CallSettings {
  model: LanguageModel;
  abortSignal: AbortSignal;
  maxRetries: number;
  maxOutputTokens: number;
  headers: Record<string, string>;
  providerOptions: { groqmeter: { feature: string } };
}

const orderStatusTool = tool({
  description: ORDER_STATUS_TOOL.description,
  inputSchema: jsonSchema<{ orderId: string }>(ORDER_STATUS_TOOL.parameters),
});

function systemOf(step: WorkloadStep): { system?: string } {
  return step.system === '' ? {} : { system: step.system };
}

async function send(step: WorkloadStep, settings: CallSettings): Promise<void> {
  switch (step.kind) {
    case 'stream': {
      // streamText reports failures through onError (logging them by default), never by throwing.
      let failure: { error: unknown } | undefined;
      const result = streamText({
        ...settings,
        ...systemOf(step),
        prompt: step.text,
        onError: ({ error }) => {
          failure ??= { error };
        },
      });
      await result.consumeStream();
      if (failure !== undefined) throw failure.error;
      return;
    }
    case 'tools':
      await generateText({
        ...settings,
        ...systemOf(step),
        prompt: step.text,
        tools: { get_order_status: orderStatusTool },
      });
      return;
    case 'vision': {
      const messages: ModelMessage[] = [
        {
          role: 'user',
          content: [
            { type: 'text', text: step.text },
            { type: 'image', image: new URL(SAMPLE_IMAGE_URL), mediaType: 'image/png' },
          ],
        },
      ];
      await generateText({ ...settings, messages });
      return;
    }
    default:
      await generateText({ ...settings, ...systemOf(step), prompt: step.text });
  }
}
