import { COMPOUND_TOOLS_HEADER, FAULT_HEADER, makeWav } from '@groqmeter/groq-simulator';
import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import Groq, { toFile } from 'groq-sdk';

/**
 * An app pushing to the exporter through the real instrumentation and OTLP exporters: metrics to
 * `/v1/metrics`, spans to `/v1/traces` (the ledger). The reader never exports on its own; the
 * test pushes with {@link PageWorkload.push}.
 */
export interface PageWorkload {
  /** One round of the mix: chats (plain, streamed, with tools), a 429, a transcription, speech. */
  round(index: number): Promise<void>;
  /** Pushes metrics and spans now. */
  push(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface PageWorkloadOptions {
  simulatorUrl: string;
  otlpUrl: string;
  /** Where spans go (the exporter's ledger); no spans without it. */
  tracesUrl?: string;
  token: string;
}

const API_KEY = 'gsk_pagesTestKeyThatMustNeverBeShown';

export function pageWorkload(options: PageWorkloadOptions): PageWorkload {
  const headers = { authorization: `Bearer ${options.token}` };
  const resource = resourceFromAttributes({ 'service.name': 'support-app' });
  const reader = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({ url: options.otlpUrl, headers }),
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ resource, readers: [reader] });
  const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors:
      options.tracesUrl === undefined
        ? []
        : [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.tracesUrl, headers }))],
  });
  /** A client whose calls carry `attributes` (feature, user), as an app attributes a request. */
  const client = (attributes: Record<string, string>) =>
    instrumentGroq(new Groq({ apiKey: API_KEY, baseURL: options.simulatorUrl, maxRetries: 0 }), {
      meterProvider,
      tracerProvider,
      attributes,
    });
  const research = client({ feature: 'research' });
  const voice = client({ feature: 'voice' });

  return {
    async round(index) {
      const support = client({ feature: 'support-chat', 'user.id': `customer-${index}` });
      await support.chat.completions.create({
        model: 'openai/gpt-oss-20b',
        messages: [{ role: 'user', content: `Where is my order ${1000 + index}?` }],
      });
      const stream = await support.chat.completions.create({
        model: 'qwen/qwen3.6-27b',
        messages: [{ role: 'user', content: 'Write a short apology for a late parcel.' }],
        stream: true,
      });
      for await (const _chunk of stream) {
        // Read to the end, as a chat UI does.
      }
      await support.chat.completions
        .create(
          {
            model: 'openai/gpt-oss-120b',
            messages: [{ role: 'user', content: 'Summarise the refund policy.' }],
          },
          { headers: { [FAULT_HEADER]: '429' } },
        )
        .catch((error: unknown) => {
          if (!(error instanceof Groq.RateLimitError)) throw error;
        });
      await research.chat.completions.create(
        { model: 'groq/compound', messages: [{ role: 'user', content: 'Compare tent prices this year.' }] },
        { headers: { [COMPOUND_TOOLS_HEADER]: 'search,python' } },
      );
      await voice.audio.transcriptions.create({
        model: 'whisper-large-v3-turbo',
        file: await toFile(makeWav(4), 'voice-note.wav'),
      });
      const speech = await voice.audio.speech.create({
        model: 'canopylabs/orpheus-v1-english',
        input: 'Your order has shipped.',
        voice: 'autumn',
        response_format: 'wav',
      });
      await speech.arrayBuffer();
    },
    async push() {
      await tracerProvider.forceFlush();
      await reader.forceFlush();
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}
