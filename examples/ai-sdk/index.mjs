// The Vercel AI SDK with @ai-sdk/groq, wrapped with the groqmeter middleware. Metrics go over OTLP
// to the groqmeter exporter (OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318).
import { createGroq } from '@ai-sdk/groq';
import { groqmeter } from '@groqmeter/ai-sdk';
import { startSimulator } from '@groqmeter/groq-simulator';
import { metrics } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { streamText, wrapLanguageModel } from 'ai';

const meterProvider = new MeterProvider({
  resource: resourceFromAttributes({ 'service.name': 'example-ai-sdk' }),
  readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() })],
});
metrics.setGlobalMeterProvider(meterProvider);

// No GROQ_API_KEY and no GROQ_BASE_URL: answer from a local Groq simulator instead of Groq.
const simulator = process.env.GROQ_API_KEY || process.env.GROQ_BASE_URL ? undefined : await startSimulator();
const baseURL =
  simulator?.openaiBaseURL ?? (process.env.GROQ_BASE_URL && `${process.env.GROQ_BASE_URL}/openai/v1`);
const groq = createGroq({ apiKey: process.env.GROQ_API_KEY ?? 'simulator-accepts-any-key', baseURL });
const model = wrapLanguageModel({ model: groq('openai/gpt-oss-20b'), middleware: groqmeter() });

// providerOptions.groqmeter.feature becomes a label on the cost, token and request series.
const result = streamText({
  model,
  prompt: 'Write a haiku about fast tokens.',
  providerOptions: { groqmeter: { feature: 'haiku' } },
});
for await (const text of result.textStream) process.stdout.write(text);
const { inputTokens, outputTokens } = await result.usage;
console.log('\ntokens:', { inputTokens, outputTokens });

await meterProvider.shutdown(); // exports what was recorded
await simulator?.close();
