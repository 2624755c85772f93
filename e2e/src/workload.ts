/**
 * The deterministic workload of the end-to-end proof: the same calls through groq-sdk, the
 * `openai` SDK pointed at Groq, LangChain and the AI SDK, each instrumented by its groqmeter
 * adapter, with `feature` attribution. It covers chat, prompt caching, streaming, function tools,
 * built-in tools, a 429 retried to success, a 429 that fails, an in-stream error frame, Groq's
 * compound systems (code execution and browser automation: partial cost; a streamed breakdown
 * repeating the total), a retired model Groq still serves (stale price), a model with no price
 * (unpriced), the Responses API, a batch job, WAV and MP3 transcription (Groq's default `json`: no
 * duration in the answer), an upload whose length nobody can read (usage missing), translation
 * and text-to-speech.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGroq } from '@ai-sdk/groq';
import { groqmeter, instrumentGroqTranscriptionModel } from '@groqmeter/ai-sdk';
import {
  COMPLETION_TOKENS_HEADER,
  COMPOUND_TOOLS_HEADER,
  countPromptTokens,
  FAULT_HEADER,
  makeWav,
} from '@groqmeter/groq-simulator';
import { instrumentGroq, instrumentOpenAI, withGroqAttributes } from '@groqmeter/instrumentation-groq';
import { instrumentChatGroq } from '@groqmeter/langchain';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { ChatGroq } from '@langchain/groq';
import type { MeterProvider } from '@opentelemetry/api';
import { experimental_transcribe, generateText, jsonSchema, streamText, tool, wrapLanguageModel } from 'ai';
import Groq, { toFile } from 'groq-sdk';
import OpenAI from 'openai';

/** The models the workload calls (all in the simulator's and the price catalogue). */
export const MODELS = {
  support: 'openai/gpt-oss-20b',
  agent: 'openai/gpt-oss-120b',
  retries: 'openai/gpt-oss-safeguard-20b',
  summaries: 'qwen/qwen3.6-27b',
  transcription: 'whisper-large-v3-turbo',
  translation: 'whisper-large-v3',
  speech: 'canopylabs/orpheus-v1-english',
  /** Groq's compound system, running code execution and browser automation (billed per hour). */
  compound: 'groq/compound',
  /** Its small sibling, streamed (its breakdown then repeats the request's total usage). */
  compoundStreamed: 'groq/compound-mini',
  /** Retired in the price catalogue (2025-10-02), still answered by Groq: priced stale. */
  retired: 'deepseek-r1-distill-llama-70b',
  /** A fine-tune the simulator serves and the price catalogue has never heard of: unpriced. */
  unpriced: 'acme/support-ft-1',
  /** The app's traffic still on OpenAI (its own API; the simulator stands in for it). */
  onOpenAi: 'gpt-4o-mini',
  /** Batch lines (a model without prompt caching, so that cached-token savings stay per model). */
  batch: 'qwen/qwen3.6-27b',
} as const;

/** Built-in tools the compound call runs (executed types, as Groq reports them). */
export const COMPOUND_TOOLS = ['search', 'python', 'browser_automation'] as const;
/** Built-in tools the streamed compound call runs (compound-mini runs at most one). */
export const STREAMED_COMPOUND_TOOLS = ['search'] as const;

/** Lines of the batch job each round submits; the exporter's batch reconciler meters them. */
export const BATCH_LINES = 2;

/** The attribution of the batch job, given in its metadata when it is created. */
export const BATCH_FEATURE = 'nightly-digest';

/** The streamed call that Groq fails after its 200 with an in-stream error frame. */
const STREAM_ERROR_MESSAGES = [{ role: 'user' as const, content: 'Call the refund tool for order 8.' }];
const STREAM_ERROR_COMPLETION_TOKENS = 16;
/**
 * Tokens the simulator charges to the TPM budget of {@link MODELS.retries} for that call (its
 * prompt and answer are charged when it is admitted; no usage reaches the client).
 */
export const STREAM_ERROR_CHARGED_TOKENS =
  countPromptTokens(STREAM_ERROR_MESSAGES) + STREAM_ERROR_COMPLETION_TOKENS;

/** A 30 s MP3 (the recorder's fixture, a tone made by ffmpeg): its length is only in its frames. */
const MP3_30S = readFileSync(
  fileURLToPath(new URL('../../packages/recorder/test/audio/tone-30s.mp3', import.meta.url)),
);
export const MP3_SECONDS = 30;

/**
 * Bytes no parser can read a length from, uploaded as `.ogg`: Groq bills them (the simulator at
 * 16 000 bytes a second), groqmeter cannot know for how long, and says so (`usage_missing`).
 */
const UNREADABLE_AUDIO = new Uint8Array(160_000).fill(0x5a);
/** The model and operation of that upload, whose usage groqmeter cannot see. */
export const USAGE_MISSING = { model: 'whisper-large-v3', operation: 'transcription' } as const;

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

/**
 * The simulator answers in Groq's shape; standing in for OpenAI's own API, this fetch makes its
 * answers say what OpenAI's do: `service_tier: "default"` (Groq's is `on_demand`), which is what
 * groqmeter prices an OpenAI operation at.
 */
function fetchAnsweringAsOpenAi(): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    body.service_tier = 'default';
    delete body.x_groq;
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

  await withGroqAttributes({ feature: 'research' }, async () => {
    await groq.chat.completions.create(
      {
        model: MODELS.compound,
        messages: [{ role: 'user', content: 'Plot the price of tents this year and open the cheapest.' }],
      },
      { headers: { [COMPOUND_TOOLS_HEADER]: COMPOUND_TOOLS.join(',') } },
    );
    const stream = await groq.chat.completions.create(
      {
        model: MODELS.compoundStreamed,
        messages: [{ role: 'user', content: 'What do hikers say about ultralight tents?' }],
        stream: true,
      },
      { headers: { [COMPOUND_TOOLS_HEADER]: STREAMED_COMPOUND_TOOLS.join(',') } },
    );
    for await (const _chunk of stream) {
      // Read to the end: the breakdown comes with the last chunk.
    }
  });

  await withGroqAttributes({ feature: 'legacy' }, async () => {
    await groq.chat.completions.create({
      model: MODELS.retired,
      messages: [{ role: 'user', content: 'Explain our warranty terms.' }],
    });
    await groq.chat.completions.create({
      model: MODELS.unpriced,
      messages: [{ role: 'user', content: 'Classify this ticket: broken zipper.' }],
    });
  });

  await withGroqAttributes({ feature: 'agent' }, () => readUntilStreamError(groq));

  await submitBatch(groq, round);

  await withGroqAttributes({ feature: 'voice' }, async () => {
    await groq.audio.transcriptions.create({
      model: MODELS.transcription,
      file: await toFile(makeWav(TRANSCRIPTION_SECONDS), 'voice-note.wav'),
    });
    await groq.audio.transcriptions.create({
      model: MODELS.transcription,
      file: await toFile(MP3_30S, 'meeting.mp3'),
      response_format: 'json',
    });
    await groq.audio.transcriptions.create({
      model: USAGE_MISSING.model,
      file: await toFile(UNREADABLE_AUDIO, 'voicemail.ogg'),
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

/**
 * A streamed call that Groq fails halfway with an in-stream error frame (`event: error`, its
 * `status_code` 400): groq-sdk throws it as an `APIError` after the 200.
 */
async function readUntilStreamError(groq: Groq): Promise<void> {
  const stream = await groq.chat.completions.create(
    { model: MODELS.retries, messages: STREAM_ERROR_MESSAGES, stream: true },
    {
      headers: {
        [FAULT_HEADER]: 'stream-error',
        [COMPLETION_TOKENS_HEADER]: String(STREAM_ERROR_COMPLETION_TOKENS),
      },
    },
  );
  try {
    for await (const _chunk of stream) {
      // The frame arrives halfway through the deltas.
    }
  } catch (error) {
    if (error instanceof Groq.APIError) return;
    throw error;
  }
  throw new Error('the simulator was told to fail the stream, but it ended normally');
}

/**
 * Uploads {@link BATCH_LINES} chat requests and creates a batch job attributed through its
 * metadata. Groq bills it when it runs; the app never downloads the output.
 */
async function submitBatch(groq: Groq, round: number): Promise<void> {
  const lines = Array.from({ length: BATCH_LINES }, (_, line) =>
    JSON.stringify({
      custom_id: `digest-${round}-${line}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: MODELS.batch, messages: [{ role: 'user', content: `Summarise ticket ${line}.` }] },
    }),
  );
  const file = await groq.files.create({
    file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'digest.jsonl'),
    purpose: 'batch',
  });
  if (file.id === undefined) throw new Error('files.create returned no file id');
  await groq.batches.create({
    input_file_id: file.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
    metadata: { feature: BATCH_FEATURE },
  });
}

/**
 * The `openai` SDK pointed at Groq through `instrumentOpenAI`: chat (streamed and not) and the
 * Responses API (streamed, and with Groq's built-in browser search).
 */
export async function runOpenAiRound(simulator: SimulatorUrls, meterProvider: MeterProvider): Promise<void> {
  const openai = instrumentOpenAI(
    new OpenAI({ apiKey: API_KEY, baseURL: simulator.openaiBaseURL, maxRetries: 2 }),
    { meterProvider, groqBaseURLs: [simulator.openaiBaseURL] },
  );
  const system = { role: 'system' as const, content: SYSTEM_PROMPT };
  await withGroqAttributes({ feature: 'drafts' }, async () => {
    await openai.chat.completions.create({
      model: MODELS.agent,
      messages: [system, { role: 'user', content: 'Draft a reply about a late parcel.' }],
    });
    const stream = await openai.chat.completions.create({
      model: MODELS.agent,
      messages: [system, { role: 'user', content: 'Draft a reply about a missing strap.' }],
      stream: true,
    });
    for await (const _chunk of stream) {
      // Read to the end, as a chat UI would.
    }
    await openai.responses.create({
      model: MODELS.agent,
      instructions: SYSTEM_PROMPT,
      input: 'Find this year’s best-rated rain jacket.',
      tools: [{ type: 'browser_search' } as unknown as OpenAI.Responses.Tool],
    });
    const events = await openai.responses.create({
      model: MODELS.agent,
      input: 'Write a one-line thank-you note.',
      stream: true,
    });
    for await (const _event of events) {
      // The usage comes with `response.completed`, the last event.
    }
  });
  // The part of the app not moved to Groq yet: the same SDK on a base URL that is not Groq's, so
  // groqmeter meters it as provider="openai" (the migration view's "OpenAI spend left").
  const stillOnOpenAi = instrumentOpenAI(
    new OpenAI({
      apiKey: API_KEY,
      baseURL: simulator.openaiBaseURL,
      maxRetries: 2,
      fetch: fetchAnsweringAsOpenAi(),
    }),
    { meterProvider, groqBaseURLs: [] },
  );
  await withGroqAttributes({ feature: 'drafts' }, () =>
    stillOnOpenAi.chat.completions.create({
      model: MODELS.onOpenAi,
      messages: [{ role: 'user', content: 'Draft a reply about a refund.' }],
    }),
  );
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
  await experimental_transcribe({
    model: instrumentGroqTranscriptionModel(groq.transcription(MODELS.transcription), { meterProvider }),
    audio: MP3_30S,
    providerOptions: { groqmeter: { feature: 'search' } },
  });
}
