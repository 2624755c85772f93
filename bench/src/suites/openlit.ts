/**
 * groq-sdk instrumented by OpenLIT (`openlit.init()`, which patches groq-sdk when it is
 * required) against a bare copy of groq-sdk loaded before OpenLIT, interleaved in this process.
 */
import { trace } from '@opentelemetry/api';
import type GroqClient from 'groq-sdk';
import { runSuiteScript, scriptInput } from '../bench-process';
import { BENCH_MODEL } from '../bench-workload';
import { compareChatContenders } from '../chat-comparison';
import { loadBareAndPatched, requireFromBench } from '../module-copies';
import { installOtelPipeline } from '../otel-pipeline';
import { stainlessChatContender } from '../stainless-contender';
import type { SuiteInput } from '../suite-input';

await runSuiteScript(async () => {
  const { simulatorUrl, plan } = scriptInput<SuiteInput>();
  const pipeline = installOtelPipeline();
  // OpenLIT reuses a registered tracer provider only if it has SDK 1.x's addSpanProcessor, which
  // SDK 2.x removed; otherwise it installs its own, printing every span to the console. A no-op
  // addSpanProcessor makes it record into the same pipeline as every other contender.
  Object.assign(trace.getTracerProvider(), { addSpanProcessor() {} });
  const { bare, patched } = loadBareAndPatched<{ default: typeof GroqClient }>('groq-sdk', () => {
    // Loaded only now: requiring openlit already hooks `require` for every SDK it instruments.
    const { Openlit } = requireFromBench('openlit') as typeof import('openlit');
    Openlit.init({
      applicationName: 'groqmeter-bench',
      captureMessageContent: false,
      disableEvents: true,
      // Local prices: the default fetches a price list from the internet at start-up.
      pricingJson: { chat: { [BENCH_MODEL]: { promptPrice: 0.075, completionPrice: 0.3 } } },
    });
  });
  const client = (Groq: typeof GroqClient) =>
    new Groq({ apiKey: 'bench', baseURL: simulatorUrl, maxRetries: 0 });
  return compareChatContenders({
    sdk: 'groq-sdk chat.completions.create',
    streamSdk: 'groq-sdk chat.completions.create({ stream: true })',
    instrumentation: 'OpenLIT openlit.init()',
    baseline: stainlessChatContender(client(bare.default)),
    instrumented: stainlessChatContender(client(patched.default)),
    pipeline,
    plan,
  });
});
