// groq-sdk (CommonJS) instrumented by @groqmeter/instrumentation-groq/register (loaded with
// `node --require`), which starts the OpenTelemetry Node SDK and exports metrics over OTLP to the
// groqmeter exporter (OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318) at exit.
const { startSimulator } = require('@groqmeter/groq-simulator');
const { withGroqAttributes } = require('@groqmeter/instrumentation-groq');
const Groq = require('groq-sdk');

async function main() {
  // No GROQ_API_KEY and no GROQ_BASE_URL: answer from a local Groq simulator instead of Groq.
  const simulator =
    process.env.GROQ_API_KEY || process.env.GROQ_BASE_URL ? undefined : await startSimulator();
  const groq = new Groq({
    apiKey: process.env.GROQ_API_KEY ?? 'simulator-accepts-any-key',
    baseURL: simulator?.url ?? process.env.GROQ_BASE_URL,
  });

  // `feature` becomes a label on the cost, token and request series.
  const stream = await withGroqAttributes({ feature: 'support-chat' }, () =>
    groq.chat.completions.create({
      model: 'openai/gpt-oss-20b',
      messages: [{ role: 'user', content: 'Name three uses of a fast LLM.' }],
      stream: true,
    }),
  );
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');
  process.stdout.write('\n');

  await simulator?.close();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
