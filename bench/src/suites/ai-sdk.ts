/**
 * The Vercel AI SDK (`generateText` / `streamText` with `@ai-sdk/groq`) through a model wrapped
 * with groqmeter's middleware, against the same provider model bare. A model wrapped with a
 * middleware that does nothing is measured the same way: it is what `wrapLanguageModel` alone
 * costs, which any middleware pays. No patching: the models live in this process and the calls
 * interleave call by call.
 */
import { createGroq } from '@ai-sdk/groq';
import { groqmeter } from '@groqmeter/ai-sdk';
import { wrapLanguageModel } from 'ai';
import { aiSdkContender } from '../ai-sdk-contender';
import { runSuiteScript, scriptInput } from '../bench-process';
import { BENCH_MODEL } from '../bench-workload';
import { compareChatContenders } from '../chat-comparison';
import { installOtelPipeline } from '../otel-pipeline';
import type { SuiteResult } from '../results';
import type { SuiteInput } from '../suite-input';

await runSuiteScript(async (): Promise<SuiteResult> => {
  const { openaiBaseURL, plan } = scriptInput<SuiteInput>();
  const pipeline = installOtelPipeline();
  const groq = createGroq({ apiKey: 'bench', baseURL: openaiBaseURL });
  const shared = {
    sdk: 'ai generateText (@ai-sdk/groq)',
    streamSdk: 'ai streamText (@ai-sdk/groq), fullStream parts',
    pipeline,
    plan,
  };
  const empty = await compareChatContenders({
    ...shared,
    instrumentation: 'reference: a middleware that does nothing',
    baseline: aiSdkContender(groq(BENCH_MODEL)),
    instrumented: aiSdkContender(
      wrapLanguageModel({ model: groq(BENCH_MODEL), middleware: { specificationVersion: 'v3' } }),
    ),
  });
  const metered = await compareChatContenders({
    ...shared,
    instrumentation: 'groqmeter groqmeter() middleware',
    baseline: aiSdkContender(groq(BENCH_MODEL)),
    instrumented: aiSdkContender(wrapLanguageModel({ model: groq(BENCH_MODEL), middleware: groqmeter() })),
  });
  const all = [empty, metered];
  return {
    calls: all.flatMap((result) => result.calls ?? []),
    memory: all.flatMap((result) => result.memory ?? []),
  };
});
