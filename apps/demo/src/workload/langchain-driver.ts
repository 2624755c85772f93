import { GroqmeterCallbackHandler, instrumentChatGroq } from '@groqmeter/langchain';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatGroq } from '@langchain/groq';
import { simulatorFaultHeaders } from './simulator-faults.js';
import type { WorkerConfig } from './worker-protocol.js';
import { MAX_OUTPUT_TOKENS, ORDER_STATUS_TOOL, SAMPLE_IMAGE_URL } from './workload-mix.js';
import type { WorkloadStep } from './workload-plan.js';
import type { StepDriver } from './workload-runner.js';

/**
 * Sends steps through LangChain's `ChatGroq`, instrumented with `instrumentChatGroq` (the
 * groqmeter callback handler plus every HTTP attempt's rate-limit headers): `invoke`, `stream`,
 * `bindTools` and an image part. The feature goes in the run's metadata.
 */
export function createLangChainDriver(config: WorkerConfig, apiKey: string): StepDriver {
  const handler = new GroqmeterCallbackHandler();
  const models = new Map<string, ChatGroq>();
  const modelFor = (id: string): ChatGroq => {
    const model =
      models.get(id) ??
      instrumentChatGroq(
        new ChatGroq({
          model: id,
          apiKey,
          baseUrl: config.groqBaseURL,
          maxRetries: 1,
          maxTokens: MAX_OUTPUT_TOKENS,
        }),
        handler,
      );
    models.set(id, model);
    return model;
  };
  return {
    run: (step, signal) =>
      send(modelFor(step.model), step, {
        signal,
        metadata: { feature: step.feature },
        headers: simulatorFaultHeaders(
          step,
          `${config.serviceName}-${config.seed}-${step.index}`,
          config.injectFaults,
        ),
      }),
  };
}

interface CallOptions {
  signal: AbortSignal;
  metadata: { feature: string };
  headers: Record<string, string>;
}

async function send(model: ChatGroq, step: WorkloadStep, options: CallOptions): Promise<void> {
  const conversation = [
    ...(step.system === '' ? [] : [new SystemMessage(step.system)]),
    new HumanMessage(step.text),
  ];
  switch (step.kind) {
    case 'stream':
      for await (const _chunk of await model.stream(conversation, options)) {
        // Reading the stream to its end is what a chat UI does; the chunks themselves are not needed.
      }
      return;
    case 'tools':
      await model
        .bindTools([{ type: 'function', function: ORDER_STATUS_TOOL }])
        .invoke(conversation, options);
      return;
    case 'vision':
      await model.invoke(
        [
          new HumanMessage({
            content: [
              { type: 'text', text: step.text },
              { type: 'image_url', image_url: { url: SAMPLE_IMAGE_URL } },
            ],
          }),
        ],
        options,
      );
      return;
    default:
      await model.invoke(conversation, options);
  }
}
