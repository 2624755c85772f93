import { makeWav } from '@groqmeter/groq-simulator';
import { instrumentGroq, instrumentOpenAI } from '@groqmeter/instrumentation-groq';
import { withGroqAttributes } from '@groqmeter/recorder';
import Groq, { toFile } from 'groq-sdk';
import OpenAI from 'openai';
import { simulatorFaultHeaders } from './simulator-faults.js';
import type { WorkerConfig } from './worker-protocol.js';
import {
  BATCH_REQUESTS,
  MAX_OUTPUT_TOKENS,
  ORDER_STATUS_TOOL,
  SAMPLE_IMAGE_URL,
  SPEECH_VOICE,
} from './workload-mix.js';
import type { WorkloadStep } from './workload-plan.js';
import type { StepDriver } from './workload-runner.js';

/**
 * Sends steps through an instrumented `groq-sdk` client: chat, streaming, tools, an image part,
 * Whisper transcription of a generated WAV, text-to-speech, Groq's compound system and batch jobs,
 * and the Responses API through an instrumented `openai` client.
 */
export function createGroqSdkDriver(config: WorkerConfig, apiKey: string): StepDriver {
  const client = instrumentGroq(new Groq({ apiKey, baseURL: config.groqBaseURL, maxRetries: 1 }));
  // The same process also calls Groq through the openai SDK (the Responses API), as many apps do.
  const openaiBaseURL = config.openaiBaseURL ?? 'https://api.groq.com/openai/v1';
  const openai = instrumentOpenAI(new OpenAI({ apiKey, baseURL: openaiBaseURL, maxRetries: 1 }), {
    groqBaseURLs: [openaiBaseURL],
  });
  return {
    run: (step, signal) => {
      const options = {
        signal,
        headers: simulatorFaultHeaders(
          step,
          `${config.serviceName}-${config.seed}-${step.index}`,
          config.injectFaults,
        ),
      };
      return withGroqAttributes({ feature: step.feature }, () => send({ client, openai }, step, options));
    },
  };
}

type RequestOptions = { signal: AbortSignal; headers: Record<string, string> };

async function send(
  { client, openai }: { client: Groq; openai: OpenAI },
  step: WorkloadStep,
  options: RequestOptions,
): Promise<void> {
  const conversation = [
    ...(step.system === '' ? [] : [{ role: 'system' as const, content: step.system }]),
    { role: 'user' as const, content: step.text },
  ];
  switch (step.kind) {
    case 'chat':
      await client.chat.completions.create(
        { model: step.model, messages: conversation, max_completion_tokens: MAX_OUTPUT_TOKENS },
        options,
      );
      return;
    case 'stream': {
      const stream = await client.chat.completions.create(
        {
          model: step.model,
          messages: conversation,
          max_completion_tokens: MAX_OUTPUT_TOKENS,
          stream: true,
        },
        options,
      );
      for await (const _chunk of stream) {
        // Reading the stream to its end is what a chat UI does; the chunks themselves are not needed.
      }
      return;
    }
    case 'tools':
      await client.chat.completions.create(
        {
          model: step.model,
          messages: conversation,
          tools: [{ type: 'function', function: ORDER_STATUS_TOOL }],
          tool_choice: 'auto',
          max_completion_tokens: MAX_OUTPUT_TOKENS,
        },
        options,
      );
      return;
    case 'vision':
      await client.chat.completions.create(
        {
          model: step.model,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: step.text },
                { type: 'image_url', image_url: { url: SAMPLE_IMAGE_URL } },
              ],
            },
          ],
          max_completion_tokens: MAX_OUTPUT_TOKENS,
        },
        options,
      );
      return;
    case 'transcription':
      await client.audio.transcriptions.create(
        { model: step.model, file: await toFile(makeWav(step.audioSeconds ?? 5), 'voice-note.wav') },
        options,
      );
      return;
    case 'compound':
      // Groq runs the tools (search, code execution, browser) itself and bills them with the answer.
      await client.chat.completions.create({ model: step.model, messages: conversation }, options);
      return;
    case 'batch': {
      // The batch's usage is metered when Groq finishes it, by the exporter's batch reconciler,
      // attributed through the batch's metadata.
      const lines = Array.from({ length: BATCH_REQUESTS }, (_, line) =>
        JSON.stringify({
          custom_id: `digest-${step.index}-${line}`,
          method: 'POST',
          url: '/v1/chat/completions',
          body: { model: step.model, messages: conversation, max_completion_tokens: MAX_OUTPUT_TOKENS },
        }),
      );
      const { id: inputFileId } = await client.files.create(
        { file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'digest.jsonl'), purpose: 'batch' },
        options,
      );
      await client.batches.create(
        {
          // groq-sdk types the file id as optional; Groq always returns one.
          input_file_id: inputFileId ?? '',
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
          metadata: { feature: step.feature },
        },
        options,
      );
      return;
    }
    case 'responses':
      await openai.responses.create(
        {
          model: step.model,
          instructions: step.system,
          input: step.text,
          max_output_tokens: MAX_OUTPUT_TOKENS,
        },
        options,
      );
      return;
    case 'speech': {
      const audio = await client.audio.speech.create(
        { model: step.model, input: step.text, voice: SPEECH_VOICE, response_format: 'wav' },
        options,
      );
      await audio.arrayBuffer();
      return;
    }
  }
}
