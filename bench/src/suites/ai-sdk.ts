/**
 * The Vercel AI SDK (`generateText` / `streamText` with `@ai-sdk/groq`) through a model wrapped
 * with groqmeter's middleware, against the same provider model bare. A model wrapped with a
 * middleware that does nothing is measured the same way: it is what `wrapLanguageModel` alone
 * costs, which any middleware pays. No patching: each row's models live in a process of the row's
 * own (suite-rows.ts) and the calls interleave call by call.
 */
import { createGroq } from '@ai-sdk/groq';
import { groqmeter } from '@groqmeter/ai-sdk';
import { type LanguageModel, wrapLanguageModel } from 'ai';
import { aiSdkContender } from '../ai-sdk-contender';
import { BENCH_MODEL } from '../bench-workload';
import { compareChatContenders } from '../chat-comparison';
import { installOtelPipeline } from '../otel-pipeline';
import { runSuiteRows, type SuiteRow } from '../suite-rows';

type GroqModel = ReturnType<ReturnType<typeof createGroq>>;

/** A row: `generateText` and `streamText` on a model bare against the same model `wrap` wraps. */
function row(instrumentation: string, wrap: (model: GroqModel) => LanguageModel): SuiteRow {
  return async ({ openaiBaseURL, plan }) => {
    const pipeline = installOtelPipeline();
    const groq = createGroq({ apiKey: 'bench', baseURL: openaiBaseURL });
    return compareChatContenders({
      sdk: 'ai generateText (@ai-sdk/groq)',
      streamSdk: 'ai streamText (@ai-sdk/groq), fullStream parts',
      instrumentation,
      baseline: aiSdkContender(groq(BENCH_MODEL)),
      instrumented: aiSdkContender(wrap(groq(BENCH_MODEL))),
      pipeline,
      plan,
    });
  };
}

await runSuiteRows('suites/ai-sdk.ts', [
  row('reference: a middleware that does nothing', (model) =>
    wrapLanguageModel({ model, middleware: { specificationVersion: 'v3' } }),
  ),
  row('groqmeter groqmeter() middleware', (model) => wrapLanguageModel({ model, middleware: groqmeter() })),
]);
