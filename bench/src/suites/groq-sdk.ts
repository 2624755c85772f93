/**
 * groq-sdk with groqmeter's instrumentation against the same SDK bare. `instrumentGroq` works per
 * client, so both clients live in this process and the calls interleave call by call.
 */
import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import type GroqClient from 'groq-sdk';
import { runSuiteScript, scriptInput } from '../bench-process';
import { compareChatContenders } from '../chat-comparison';
import { requireFromBench } from '../module-copies';
import { installOtelPipeline } from '../otel-pipeline';
import { stainlessChatContender } from '../stainless-contender';
import type { SuiteInput } from '../suite-input';

await runSuiteScript(async () => {
  const { simulatorUrl, plan } = scriptInput<SuiteInput>();
  const pipeline = installOtelPipeline();
  const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
  const client = () => new Groq({ apiKey: 'bench', baseURL: simulatorUrl, maxRetries: 0 });
  return compareChatContenders({
    sdk: 'groq-sdk chat.completions.create',
    streamSdk: 'groq-sdk chat.completions.create({ stream: true })',
    instrumentation: 'groqmeter instrumentGroq()',
    baseline: stainlessChatContender(client()),
    instrumented: stainlessChatContender(instrumentGroq(client())),
    pipeline,
    plan,
  });
});
