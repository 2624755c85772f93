// LangChain's ChatGroq with the groqmeter callback handler. Metrics go over OTLP to the groqmeter
// exporter (OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318).
import { startSimulator } from '@groqmeter/groq-simulator';
import { instrumentChatGroq } from '@groqmeter/langchain';
import { ChatGroq } from '@langchain/groq';
import { metrics } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

const meterProvider = new MeterProvider({
  resource: resourceFromAttributes({ 'service.name': 'example-langchain' }),
  readers: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter() })],
});
metrics.setGlobalMeterProvider(meterProvider);

// No GROQ_API_KEY and no GROQ_BASE_URL: answer from a local Groq simulator instead of Groq.
const simulator = process.env.GROQ_API_KEY || process.env.GROQ_BASE_URL ? undefined : await startSimulator();
const model = instrumentChatGroq(
  new ChatGroq({
    model: 'openai/gpt-oss-20b',
    apiKey: process.env.GROQ_API_KEY ?? 'simulator-accepts-any-key',
    baseUrl: simulator?.url ?? process.env.GROQ_BASE_URL,
  }),
);

// Run metadata `feature` becomes a label on the cost, token and request series.
const answer = await model.invoke('Summarize why rate-limit headroom matters, in one sentence.', {
  metadata: { feature: 'summarizer' },
});
console.log(answer.content);
console.log('usage:', answer.usage_metadata);

await meterProvider.shutdown(); // exports what was recorded
await simulator?.close();
