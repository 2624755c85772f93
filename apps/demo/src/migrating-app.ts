import { makeWav } from '@groqmeter/groq-simulator';
import { instrumentOpenAI } from '@groqmeter/instrumentation-groq';
import { type Ledger, LedgerSpanProcessor, openLedger } from '@groqmeter/ledger';
import { withGroqAttributes } from '@groqmeter/recorder';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import OpenAI, { toFile } from 'openai';

/** Where the migrating app sends its calls and its telemetry. */
export interface MigratingAppOptions {
  /** Groq's OpenAI-compatible base URL (the Groq simulator's). */
  groqBaseURL: string;
  /** OpenAI's base URL (the OpenAI stand-in's). */
  openaiBaseURL: string;
  otlpMetricsUrl: string;
  exportIntervalMs: number;
  /** The ledger its operations are written to (`sqlite:PATH`). */
  ledgerDb: string;
  /** Calls per second. */
  rate: number;
  log: (line: string) => void;
}

/** A running migrating app. */
export interface MigratingApp {
  /** Stops sending, then flushes its metrics and ledger rows. */
  stop(): Promise<void>;
}

/** `service.name` of the migrating app (its `job` label). */
export const MIGRATING_APP_SERVICE = 'groqmeter-demo-migrating-app';

type Call = (clients: { groq: OpenAI; openai: OpenAI }) => Promise<unknown>;

/**
 * One round of the app's traffic, by feature and function: support chat moved to Groq; its
 * legacy path, the order assistant (the Assistants API), call transcription and search embeddings
 * still on OpenAI.
 */
const ROUND: readonly { feature: string; function_name: string; call: Call }[] = [
  {
    feature: 'support-chat',
    function_name: 'answer_ticket',
    call: ({ groq }) =>
      groq.chat.completions.create({
        model: 'openai/gpt-oss-20b',
        messages: [{ role: 'user', content: 'Where is my refund?' }],
        max_completion_tokens: 64,
      }),
  },
  {
    feature: 'support-chat',
    function_name: 'answer_ticket_legacy',
    call: ({ openai }) =>
      openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Where is my refund?' }],
      }),
  },
  {
    feature: 'order-lookup',
    function_name: 'order_assistant',
    call: async ({ openai }) => {
      const assistant = await openai.beta.assistants.create({
        model: 'gpt-4.1-mini',
        instructions: 'Be brief.',
      });
      return openai.beta.threads.createAndRunPoll({
        assistant_id: assistant.id,
        thread: { messages: [{ role: 'user', content: 'Has order 1234 shipped?' }] },
      });
    },
  },
  {
    feature: 'voice-notes',
    function_name: 'transcribe_call',
    call: async ({ openai }) =>
      openai.audio.transcriptions.create({
        model: 'whisper-1',
        file: await toFile(makeWav(6), 'call.wav', { type: 'audio/wav' }),
      }),
  },
  {
    feature: 'search',
    function_name: 'index_document',
    call: ({ openai }) =>
      openai.embeddings.create({ model: 'text-embedding-3-small', input: 'Refunds are paid within 5 days.' }),
  },
];

/**
 * An app halfway through its move to Groq, in the demo's own process: one `openai` client for
 * Groq and one for OpenAI, both instrumented into the same metrics (pushed to the exporter) and
 * the same ledger, so that the migration view and `groqmeter-ledger --by provider` have data.
 */
export async function startMigratingApp(options: MigratingAppOptions): Promise<MigratingApp> {
  // So that the feature and function_name of withGroqAttributes reach the calls made inside it.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const resource = resourceFromAttributes({
    'service.name': MIGRATING_APP_SERVICE,
    'service.instance.id': `${MIGRATING_APP_SERVICE}-${process.pid}`,
  });
  const meterProvider = new MeterProvider({
    resource,
    readers: [
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: options.otlpMetricsUrl }),
        exportIntervalMillis: options.exportIntervalMs,
      }),
    ],
  });
  const ledger: Ledger = await openLedger({ db: options.ledgerDb });
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [new LedgerSpanProcessor(ledger)],
  });
  const telemetry = { meterProvider, tracerProvider, groqBaseURLs: [options.groqBaseURL] };
  const clients = {
    groq: instrumentOpenAI(
      new OpenAI({ apiKey: 'gsk-demo', baseURL: options.groqBaseURL, maxRetries: 1 }),
      telemetry,
    ),
    openai: instrumentOpenAI(
      new OpenAI({ apiKey: 'sk-demo', baseURL: options.openaiBaseURL, maxRetries: 1 }),
      telemetry,
    ),
  };
  let next = 0;
  const inFlight = new Set<Promise<unknown>>();
  const timer = setInterval(() => {
    const step = ROUND[next % ROUND.length]!;
    next += 1;
    const call = withGroqAttributes({ feature: step.feature, function_name: step.function_name }, () =>
      step.call(clients),
    ).catch((error: unknown) => options.log(`${step.function_name} failed: ${String(error)}`));
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  }, 1000 / options.rate);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      await meterProvider.shutdown();
      // Writes what is queued and closes the ledger.
      await tracerProvider.shutdown();
    },
  };
}
