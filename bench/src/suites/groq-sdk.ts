/**
 * groq-sdk with groqmeter's instrumentation against the same SDK bare. `instrumentGroq` works per
 * client, so both clients live in this process and the calls interleave call by call. Four ways
 * of running groqmeter, each against the same bare client: metrics through SDK instruments on the
 * global meter provider (a user's own MeterProvider), through groqmeter's metric producer attached
 * to the reader (what the register entry sets up), the same with every span sampled out, and
 * metrics only (`tracing: false`).
 */

import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { createGroqmeterMetricProducer } from '@groqmeter/recorder';
import { AlwaysOffSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type GroqClient from 'groq-sdk';
import { runSuiteScript, scriptInput } from '../bench-process';
import { compareChatContenders } from '../chat-comparison';
import { requireFromBench } from '../module-copies';
import { installOtelPipeline } from '../otel-pipeline';
import type { SuiteResult } from '../results';
import { stainlessChatContender } from '../stainless-contender';
import type { SuiteInput } from '../suite-input';

await runSuiteScript(async () => {
  const { simulatorUrl, plan } = scriptInput<SuiteInput>();
  const metricProducer = createGroqmeterMetricProducer();
  const pipeline = installOtelPipeline([metricProducer]);
  const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
  const client = () => new Groq({ apiKey: 'bench', baseURL: simulatorUrl, maxRetries: 0 });
  const unsampled = new BasicTracerProvider({ sampler: new AlwaysOffSampler() });
  const variants: Array<[string, GroqClient]> = [
    ['groqmeter instrumentGroq()', instrumentGroq(client())],
    ['groqmeter instrumentGroq({ metricProducer })', instrumentGroq(client(), { metricProducer })],
    [
      'groqmeter instrumentGroq({ metricProducer }), spans sampled out',
      instrumentGroq(client(), { metricProducer, tracerProvider: unsampled }),
    ],
    [
      'groqmeter instrumentGroq({ metricProducer, tracing: false })',
      instrumentGroq(client(), { metricProducer, tracing: false }),
    ],
  ];
  const calls: NonNullable<SuiteResult['calls']> = [];
  const memory: NonNullable<SuiteResult['memory']> = [];
  for (const [instrumentation, instrumented] of variants) {
    const compared = await compareChatContenders({
      sdk: 'groq-sdk chat.completions.create',
      streamSdk: 'groq-sdk chat.completions.create({ stream: true })',
      instrumentation,
      baseline: stainlessChatContender(client()),
      instrumented: stainlessChatContender(instrumented),
      pipeline,
      plan,
    });
    calls.push(...(compared.calls ?? []));
    memory.push(...(compared.memory ?? []));
  }
  return { calls, memory };
});
