/**
 * The deterministic workload of the end-to-end proof: the same calls through groq-sdk, LangChain
 * and the AI SDK, each instrumented by its groqmeter adapter, with `feature` attribution. It covers
 * chat, prompt caching, streaming, function tools, a built-in tool, a 429 retried to success, a
 * 429 that fails, transcription, translation and text-to-speech.
 */
import { createGroq } from '@ai-sdk/groq';
import { groqmeter } from '@groqmeter/ai-sdk';
import { makeWav } from '@groqmeter/groq-simulator';
import { instrumentGroq, withGroqAttributes } from '@groqmeter/instrumentation-groq';
import { instrumentChatGroq } from '@groqmeter/langchain';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatGroq } from '@langchain/groq';
import type { MeterProvider } from '@opentelemetry/api';
import { generateText, jsonSchema, streamText, tool, wrapLanguageModel } from 'ai';
import Groq, { toFile } from 'groq-sdk';

/** The models the workload calls (all in the simulator's and the price catalogue). */
export const MODELS = {
  support: 'openai/gpt-oss-20b',
  agent: 'openai/gpt-oss-120b',
  retries: 'openai/gpt-oss-safeguard-20b',
  summaries: 'qwen/qwen3.6-27b',
  transcription: 'whisper-large-v3-turbo',
  translation: 'whisper-large-v3',
  speech: 'canopylabs/orpheus-v1-english',
} as const;

/** Text-to-speech inputs, one request each per round (their token counts are charged to TPM). */
export const SPEECH_INPUTS = ['Your order has shipped and will arrive on Thursday.'];

/** Audio lengths in seconds: one transcription (billed as 10 s) and one translation per round. */
export const TRANSCRIPTION_SECONDS = 4;
export const TRANSCRIPTION_SECONDS_TRANSLATED = 12;

/**
 * Long enough (over 128 tokens) for Groq's prompt cache: the second and later calls that start
 * with it get the system message's tokens as cached input.
 */
const SYSTEM_PROMPT = [
  'You are the support assistant of a small online shop that sells hiking gear.',
  'Answer in two short sentences, politely, without making promises about refunds or delivery dates.',
  'If the customer asks about an order, ask for the order number unless it is already given.',
  'Never ask for passwords, card numbers or other secrets, and never repeat them if a customer sends them.',
  'If a question is about returns, explain that unused items can be returned within thirty days.',
  'If a question is about sizes, suggest the size chart on the product page and offer to help further.',
  'Keep a friendly tone, use plain words, and do not use emoji or marketing language in your answers.',
].join(' ');

const ORDER_STATUS_PARAMETERS = {
  type: 'object',
  properties: { orderId: { type: 'string', description: 'The order number' } },
  required: ['orderId'],
} as const;

/** Built-in tool runs each research call reports (catalogue tool id → calls). */
export const RESEARCH_TOOL_CALLS = { browser_search: 1 } as const;

/**
 * Groq reports the built-in tools a model ran in `message.executed_tools`; the simulator answers
 * without them, so this fetch adds one browser search to every answer, as Groq does for a request
 * with `tools: [{ type: 'browser_search' }]`.
 */
function fetchReportingBrowserSearch(): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok) return response;
    const body = (await response.json()) as { choices: { message: Record<string, unknown> }[] };
    for (const choice of body.choices) {
      choice.message.executed_tools = [
        { index: 0, type: 'browser.search', arguments: '{"query":"tent sizes"}' },
      ];
    }
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(JSON.stringify(body), { status: response.status, headers });
  };
}

/** Headers telling the simulator to answer the first `count` attempts of call `callId` with 429. */
function rateLimitFault(callId: string, count?: number): Record<string, string> {
  return {
    'x-simulator-fault': '429',
    'x-simulator-call-id': callId,
    ...(count === undefined ? {} : { 'x-simulator-fault-count': String(count) }),
  };
}

/** Where the simulator listens. */
export interface SimulatorUrls {
  url: string;
  openaiBaseURL: string;
}

const API_KEY = 'e2e-test-key';

/** groq-sdk through `instrumentGroq`: every operation kind, attributed per call. */
export async function runGroqSdkRound(
  simulator: SimulatorUrls,
  meterProvider: MeterProvider,
  round: number,
): Promise<void> {
  const groq = instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: simulator.url, maxRetries: 2 }), {
    meterProvider,
  });
  const system = { role: 'system' as const, content: SYSTEM_PROMPT };

  await withGroqAttributes({ feature: 'support-bot' }, async () => {
    for (const question of ['Where is my order 1042?', 'Can I return boots I wore once?']) {
      await groq.chat.completions.create({
        model: MODELS.support,
        messages: [system, { role: 'user', content: question }],
      });
    }
    const stream = await groq.chat.completions.create({
      model: MODELS.support,
      messages: [system, { role: 'user', content: 'Which tent fits three people?' }],
      stream: true,
    });
    for await (const _chunk of stream) {
      // A chat UI reads the stream to its end; the text itself is not needed here.
    }
  });

  await withGroqAttributes({ feature: 'agent' }, async () => {
    await groq.chat.completions.create({
      model: MODELS.agent,
      messages: [system, { role: 'user', content: 'What is the status of order 1042?' }],
      tools: [
        { type: 'function', function: { name: 'get_order_status', parameters: ORDER_STATUS_PARAMETERS } },
      ],
    });
    await groq.chat.completions.create(
      { model: MODELS.retries, messages: [{ role: 'user', content: 'Summarise our return policy.' }] },
      { headers: rateLimitFault(`groq-sdk-retried-${round}`, 1) },
    );
    await groq.chat.completions
      .create(
        { model: MODELS.retries, messages: [{ role: 'user', content: 'Summarise our shipping policy.' }] },
        { headers: rateLimitFault(`groq-sdk-failed-${round}`), maxRetries: 0 },
      )
      .then(
        () => {
          throw new Error('the simulator was told to answer 429, but the call succeeded');
        },
        (error: unknown) => {
          if (!(error instanceof Groq.RateLimitError)) throw error;
        },
      );
  });

  const research = instrumentGroq(
    new Groq({
      apiKey: API_KEY,
      baseURL: simulator.url,
      maxRetries: 2,
      fetch: fetchReportingBrowserSearch(),
    }),
    { meterProvider },
  );
  await withGroqAttributes({ feature: 'research' }, () =>
    research.chat.completions.create({
      model: MODELS.agent,
      messages: [{ role: 'user', content: 'Which tents do reviewers recommend for three people?' }],
    }),
  );

  await withGroqAttributes({ feature: 'voice' }, async () => {
    await groq.audio.transcriptions.create({
      model: MODELS.transcription,
      file: await toFile(makeWav(TRANSCRIPTION_SECONDS), 'voice-note.wav'),
    });
    await groq.audio.translations.create({
      model: MODELS.translation,
      file: await toFile(makeWav(TRANSCRIPTION_SECONDS_TRANSLATED), 'voicemail.wav'),
    });
    for (const input of SPEECH_INPUTS) {
      const audio = await groq.audio.speech.create({
        model: MODELS.speech,
        input,
        voice: 'autumn',
        response_format: 'wav',
      });
      await audio.arrayBuffer();
    }
  });
}

/** LangChain's `ChatGroq` through `instrumentChatGroq`: invoke, stream, tools, a retried 429. */
export async function runLangChainRound(
  simulator: SimulatorUrls,
  meterProvider: MeterProvider,
  round: number,
): Promise<void> {
  const model = instrumentChatGroq(
    new ChatGroq({ apiKey: API_KEY, model: MODELS.summaries, baseUrl: simulator.url, maxRetries: 2 }),
    { meterProvider },
  );
  const options = { metadata: { feature: 'summarize' } };
  const conversation = [
    new SystemMessage(SYSTEM_PROMPT),
    new HumanMessage('Summarise this review: great boots.'),
  ];
  await model.invoke(conversation, options);
  for await (const _chunk of await model.stream(conversation, options)) {
    // Read to the end, as a chat UI would.
  }
  await model
    .bindTools([
      { type: 'function', function: { name: 'get_order_status', parameters: ORDER_STATUS_PARAMETERS } },
    ])
    .invoke([new HumanMessage('What is the status of order 7?')], options);
  await model.invoke([new HumanMessage('Summarise this review: warm jacket.')], {
    ...options,
    headers: rateLimitFault(`langchain-retried-${round}`, 1),
  });
}

/** The AI SDK with the `groqmeter()` middleware: generateText, streamText, tools, a retried 429. */
export async function runAiSdkRound(
  simulator: SimulatorUrls,
  meterProvider: MeterProvider,
  round: number,
): Promise<void> {
  const groq = createGroq({ apiKey: API_KEY, baseURL: simulator.openaiBaseURL });
  const model = wrapLanguageModel({ model: groq(MODELS.agent), middleware: groqmeter({ meterProvider }) });
  const settings = { model, maxRetries: 2, providerOptions: { groqmeter: { feature: 'search' } } };
  await generateText({ ...settings, system: SYSTEM_PROMPT, prompt: 'Find boots for wet weather.' });
  const streamed = streamText({ ...settings, system: SYSTEM_PROMPT, prompt: 'Find a light sleeping bag.' });
  await streamed.consumeStream();
  await streamed.finishReason;
  await generateText({
    ...settings,
    prompt: 'What is the status of order 99?',
    tools: {
      get_order_status: tool({ inputSchema: jsonSchema<{ orderId: string }>(ORDER_STATUS_PARAMETERS) }),
    },
  });
  await generateText({
    ...settings,
    prompt: 'Find a headlamp.',
    headers: rateLimitFault(`ai-sdk-retried-${round}`, 1),
  });
}
