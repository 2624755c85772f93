// groq-sdk (ESM) instrumented by @groqmeter/instrumentation-groq/register, which starts the
// OpenTelemetry Node SDK and exports metrics over OTLP to the groqmeter exporter
// (OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318) when the process ends.
import { startSimulator } from '@groqmeter/groq-simulator';
import { withGroqAttributes } from '@groqmeter/instrumentation-groq';
import Groq from 'groq-sdk';

// No GROQ_API_KEY and no GROQ_BASE_URL: answer from a local Groq simulator instead of Groq.
const simulator = process.env.GROQ_API_KEY || process.env.GROQ_BASE_URL ? undefined : await startSimulator();
const groq = new Groq({
  apiKey: process.env.GROQ_API_KEY ?? 'simulator-accepts-any-key',
  baseURL: simulator?.url ?? process.env.GROQ_BASE_URL,
});

// `feature` becomes a label on the cost, token and request series.
const completion = await withGroqAttributes({ feature: 'support-chat' }, () =>
  groq.chat.completions.create({
    model: 'openai/gpt-oss-20b',
    messages: [{ role: 'user', content: 'Explain rate limits in one sentence.' }],
  }),
);
console.log(completion.choices[0]?.message.content);
console.log('usage:', completion.usage);

await simulator?.close();
