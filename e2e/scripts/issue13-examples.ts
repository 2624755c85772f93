/**
 * One example call for each hole issue 13 listed, against the simulator, recorded by the apps'
 * groqmeter adapters into a real exporter (OTLP metrics and traces; the ledger on SQLite; the
 * batch reconciler on): prints, per example, the exporter's `/metrics` lines of its `feature` and
 * its ledger row. `pnpm --filter @groqmeter/e2e exec tsx scripts/issue13-examples.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGroq } from '@ai-sdk/groq';
import { instrumentGroqTranscriptionModel } from '@groqmeter/ai-sdk';
import { startExporter } from '@groqmeter/exporter';
import { startSimulator } from '@groqmeter/groq-simulator';
import {
  GroqInstrumentation,
  instrumentGroq,
  instrumentOpenAI,
  withGroqAttributes,
} from '@groqmeter/instrumentation-groq';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { experimental_transcribe } from 'ai';
import Groq, { toFile } from 'groq-sdk';
import OpenAI from 'openai';

const API_KEY = 'gsk_issue13_example_key';
const MP3 = readFileSync(
  fileURLToPath(new URL('../../packages/recorder/test/audio/tone-30s.mp3', import.meta.url)),
);
/** groq-sdk 0.37.0, the npm alias the instrumentation's tests run (`groq-sdk-0-37`). */
const GROQ_SDK_037 = fileURLToPath(
  new URL('../../packages/instrumentation-groq/node_modules/groq-sdk-0-37', import.meta.url),
);

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const directory = await mkdtemp(join(tmpdir(), 'groqmeter-issue13-'));
const ledgerFile = join(directory, 'ledger.db');
const simulator = await startSimulator({ models: { 'acme/support-ft-1': { kind: 'chat' } } });
const exporter = await startExporter({
  otlpPort: 0,
  metricsPort: 0,
  logLevel: 'silent',
  ledgerDb: `sqlite:${ledgerFile}`,
  groqApiKey: API_KEY,
  groqBaseUrl: simulator.openaiBaseURL,
  groqBatches: true,
  groqBatchesState: join(directory, 'batches.json'),
  groqBatchesIntervalSeconds: 0.2,
});
const resource = resourceFromAttributes({ 'service.name': 'issue13-app' });
const meterProvider = new MeterProvider({
  resource,
  readers: [
    new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: exporter.otlpUrl }),
      exportIntervalMillis: 60_000,
    }),
  ],
});
const tracerProvider = new BasicTracerProvider({
  resource,
  spanProcessors: [
    new SimpleSpanProcessor(
      new OTLPTraceExporter({ url: exporter.otlpUrl.replace('/v1/metrics', '/v1/traces') }),
    ),
  ],
});
const providers = { meterProvider, tracerProvider };
const groq = instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: simulator.url, maxRetries: 0 }), providers);

const as = <T>(feature: string, call: () => Promise<T>) => withGroqAttributes({ feature }, call);
const drain = async (stream: AsyncIterable<unknown>) => {
  for await (const _item of stream) {
    // read to the end
  }
};

// 1. The openai SDK pointed at Groq: the Responses API.
const openai = instrumentOpenAI(
  new OpenAI({ apiKey: API_KEY, baseURL: simulator.openaiBaseURL, maxRetries: 0 }),
  {
    ...providers,
    groqBaseURLs: [simulator.openaiBaseURL],
  },
);
await as('openai-sdk', () =>
  openai.responses.create({ model: 'openai/gpt-oss-120b', input: 'Hello from openai' }),
);

// 2. groq-sdk 0.37.0, patched on require by GroqInstrumentation (what the register entry turns on).
const instrumentation = new GroqInstrumentation({ enabled: false });
instrumentation.setMeterProvider(meterProvider);
instrumentation.setTracerProvider(tracerProvider);
instrumentation.enable();
const Groq037 = createRequire(import.meta.url)(GROQ_SDK_037) as typeof import('groq-sdk');
const oldGroq = new Groq037.Groq({ apiKey: API_KEY, baseURL: simulator.url, maxRetries: 0 });
await as('groq-sdk-0.37', () =>
  oldGroq.chat.completions.create({
    model: 'openai/gpt-oss-20b',
    messages: [{ role: 'user', content: 'Hi from 0.37' }],
  }),
);
instrumentation.disable();

// 3. A finished batch: created by the app (attribution in its metadata), metered by the exporter.
await as('batch', async () => {
  const lines = ['a', 'b'].map((id) =>
    JSON.stringify({
      custom_id: id,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: `Digest ${id}` }] },
    }),
  );
  const file = await groq.files.create({
    file: await toFile(Buffer.from(lines.join('\n')), 'digest.jsonl'),
    purpose: 'batch',
  });
  await groq.batches.create({
    input_file_id: file.id ?? '',
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
    metadata: { feature: 'batch' },
  });
});

// 4. A 30 s MP3 transcribed with Groq's default json (no duration in the answer).
await as('mp3-transcription', async () =>
  groq.audio.transcriptions.create({
    model: 'whisper-large-v3-turbo',
    file: await toFile(MP3, 'meeting.mp3'),
    response_format: 'json',
  }),
);

// 5. Compound with a web search and a code execution.
await as('compound-code', () =>
  groq.chat.completions.create(
    { model: 'groq/compound', messages: [{ role: 'user', content: 'What is 2 to the 20th?' }] },
    { headers: { 'x-simulator-compound-tools': 'search,python' } },
  ),
);

// 6. A retired model Groq still answers.
await as('retired-model', () =>
  groq.chat.completions.create({
    model: 'deepseek-r1-distill-llama-70b',
    messages: [{ role: 'user', content: 'Still there?' }],
  }),
);

// 7. A streamed compound answer, whose breakdown repeats the total in every entry.
await as('compound-stream', async () =>
  drain(
    await groq.chat.completions.create(
      {
        model: 'groq/compound-mini',
        messages: [{ role: 'user', content: 'News about tents?' }],
        stream: true,
      },
      { headers: { 'x-simulator-compound-tools': 'search' } },
    ),
  ),
);

// 8. An in-stream error frame.
await as('stream-error', async () => {
  const stream = await groq.chat.completions.create(
    { model: 'openai/gpt-oss-20b', messages: [{ role: 'user', content: 'Call the tool.' }], stream: true },
    { headers: { 'x-simulator-fault': 'stream-error' } },
  );
  await drain(stream).catch((error: unknown) => {
    if (!(error instanceof Groq.APIError)) throw error;
  });
});

// 9. The AI SDK's transcription of the same MP3.
const whisper = instrumentGroqTranscriptionModel(
  createGroq({ apiKey: API_KEY, baseURL: simulator.openaiBaseURL }).transcription('whisper-large-v3-turbo'),
  providers,
);
await experimental_transcribe({
  model: whisper,
  audio: MP3,
  providerOptions: { groqmeter: { feature: 'ai-sdk-transcription' } },
});

// 10. Dropped reasons: a model with no price, and an upload whose length nobody can read.
await as('unknown-model', () =>
  groq.chat.completions.create({ model: 'acme/support-ft-1', messages: [{ role: 'user', content: 'Hi' }] }),
);
await as('usage-missing', async () =>
  groq.audio.transcriptions.create({
    model: 'whisper-large-v3',
    file: await toFile(new Uint8Array(160_000).fill(0x5a), 'voicemail.ogg'),
  }),
);

await meterProvider.forceFlush();
await tracerProvider.forceFlush();
// The reconciler polls every 0.2 s; give it a few polls, then read everything back.
await new Promise((resolve) => setTimeout(resolve, 1500));
const metrics = await (await fetch(exporter.metricsUrl)).text();
await exporter.close();
await meterProvider.shutdown();
await tracerProvider.shutdown();
await simulator.close();

const SERIES =
  /^(groq_cost_usd_total|groq_priced_operations_total|groq_requests_total|groq_tokens_total|groq_audio_billed_seconds_total|groq_tool_calls_total|groqmeter_dropped_total|groqmeter_usage_reconciled_total)\{/;
const lines = metrics
  .split('\n')
  .filter((line) => SERIES.test(line))
  .map((line) => line.replace(/,?otel_scope_(name|version|schema_url)="[^"]*"/g, '').replace('{,', '{'));
const ledger = (feature: string) =>
  execFileSync(
    'sqlite3',
    [
      '-header',
      ledgerFile,
      `SELECT operation, source, service_name, request_model, input_tokens, output_tokens, audio_seconds, tool_calls, pricing, cost_known, cost_partial, partial_reasons, cost_stale, cost_usd, outcome, error_type, batch, feature FROM groq_operations WHERE feature = '${feature}' ORDER BY id`,
    ],
    { encoding: 'utf8' },
  ).trim();
for (const feature of [
  'openai-sdk',
  'groq-sdk-0.37',
  'batch',
  'mp3-transcription',
  'compound-code',
  'retired-model',
  'compound-stream',
  'stream-error',
  'ai-sdk-transcription',
  'unknown-model',
  'usage-missing',
]) {
  console.log(`\n### ${feature}\n`);
  for (const line of lines.filter((item) => item.includes(`feature="${feature}"`))) console.log(line);
  console.log(`\nledger:\n${ledger(feature)}`);
}
console.log('\n### not per feature\n');
for (const line of lines.filter((item) => !item.includes('feature="'))) console.log(line);
await rm(directory, { recursive: true, force: true });
