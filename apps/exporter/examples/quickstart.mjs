import { startExporter } from '@groqmeter/exporter';
import { startSimulator } from '@groqmeter/groq-simulator';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';

// A Groq-compatible API to poll the model catalogue from (with a real GROQ_API_KEY, leave out
// groqBaseUrl and the exporter polls api.groq.com).
const groq = await startSimulator();
const exporter = await startExporter({
  otlpPort: 0, // 0 picks free ports; the defaults are 4318 and 9464
  metricsPort: 0,
  budgets: [{ scope: 'team-a', period: 'month', usd: 500 }],
  groqApiKey: 'gsk_simulated',
  groqBaseUrl: groq.url,
  logLevel: 'warn',
});

// An app instrumented with the OTel SDK that counts tokens but has no price table:
// the exporter prices them centrally.
const reader = new PeriodicExportingMetricReader({
  exporter: new OTLPMetricExporter({ url: exporter.otlpUrl }),
});
const meterProvider = new MeterProvider({
  resource: resourceFromAttributes({ 'service.name': 'chat-api', 'service.instance.id': 'pod-1' }),
  readers: [reader],
});
const tokens = meterProvider
  .getMeter('my-app')
  .createCounter('groq.tokens', { description: 'Tokens by type' });
tokens.add(120_000, { model: 'openai/gpt-oss-120b', operation: 'chat', type: 'input' });
tokens.add(8_000, { model: 'openai/gpt-oss-120b', operation: 'chat', type: 'output' });
await meterProvider.forceFlush();

// The catalogue is polled in the background: scrape until its first answer is in.
let scraped = '';
while (!scraped.includes('groq_model_info')) scraped = await (await fetch(exporter.metricsUrl)).text();
const shown =
  /^(groq_cost_usd_total|groq_tokens_total|groqmeter_budget_usd|groq_model_info\{.*id="openai\/gpt-oss-120b")/;
console.log(
  scraped
    .split('\n')
    .filter((line) => shown.test(line))
    .join('\n'),
);

await meterProvider.shutdown();
await exporter.close();
await groq.close();
