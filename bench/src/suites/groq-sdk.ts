/**
 * groq-sdk with groqmeter's instrumentation against the same SDK bare. `instrumentGroq` works per
 * client, so both clients live in this process and the calls interleave call by call. Five ways
 * of running groqmeter, each against the same bare client: on the global meter provider (a user's
 * own MeterProvider, to whose reader the recorder attaches its metric producer itself), through
 * SDK instruments (the fallback, on a provider with a view), through a metric producer given
 * explicitly (what the register entry attaches to the reader), the same with every span sampled
 * out, and metrics only (`tracing: false`). Each explicit producer variant has a producer of its
 * own, collected only to count its metric names, so no variant counts what an earlier one
 * recorded. Attaching a producer to a reader changes only what a collection reads, and nothing
 * here collects while timing.
 *
 * Then the floor under groqmeter's traced rows, measured the same way after them (so that the
 * rows above run as they always have): `create` in a wrapper that does nothing, in one that
 * records one OTel SDK span per call with as many attributes as groqmeter's chat span and nothing
 * else, and in one that also makes that span active in the OTel context around the call, as
 * groqmeter does (see span-reference.ts). They record no metrics.
 */

import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { createGroqmeterMetricProducer } from '@groqmeter/recorder';
import { trace } from '@opentelemetry/api';
import { AlwaysOffSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type GroqClient from 'groq-sdk';
import { runSuiteScript, scriptInput } from '../bench-process';
import { compareChatContenders } from '../chat-comparison';
import { requireFromBench } from '../module-copies';
import { installOtelPipeline, meterProviderWithView, producerMetricNames } from '../otel-pipeline';
import type { SuiteResult } from '../results';
import { attributeCount, doNothingClient, groqmeterChatSpanShape, spanClient } from '../span-reference';
import { type StainlessChatClient, stainlessChatContender } from '../stainless-contender';
import type { SuiteInput } from '../suite-input';

await runSuiteScript(async () => {
  const { simulatorUrl, plan } = scriptInput<SuiteInput>();
  const pipeline = installOtelPipeline();
  const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
  const client = () => new Groq({ apiKey: 'bench', baseURL: simulatorUrl, maxRetries: 0 });
  const withView = meterProviderWithView();
  const unsampled = new BasicTracerProvider({ sampler: new AlwaysOffSampler() });
  const sampled = createGroqmeterMetricProducer();
  const sampledOut = createGroqmeterMetricProducer();
  const untraced = createGroqmeterMetricProducer();
  const variants: Array<[string, StainlessChatClient, () => Promise<string[]>]> = [
    ['groqmeter instrumentGroq()', instrumentGroq(client()), () => pipeline.metricNames()],
    [
      'groqmeter instrumentGroq({ meterProvider }), SDK instruments (a provider with a view)',
      instrumentGroq(client(), { meterProvider: withView.meterProvider }),
      () => withView.metricNames(),
    ],
    [
      'groqmeter instrumentGroq({ metricProducer })',
      instrumentGroq(client(), { metricProducer: sampled }),
      () => producerMetricNames(sampled),
    ],
    [
      'groqmeter instrumentGroq({ metricProducer }), spans sampled out',
      instrumentGroq(client(), { metricProducer: sampledOut, tracerProvider: unsampled }),
      () => producerMetricNames(sampledOut),
    ],
    [
      'groqmeter instrumentGroq({ metricProducer, tracing: false })',
      instrumentGroq(client(), { metricProducer: untraced, tracing: false }),
      () => producerMetricNames(untraced),
    ],
  ];
  const calls: NonNullable<SuiteResult['calls']> = [];
  const memory: NonNullable<SuiteResult['memory']> = [];
  const measure = async (rows: typeof variants) => {
    for (const [instrumentation, instrumented, metricNames] of rows) {
      const compared = await compareChatContenders({
        sdk: 'groq-sdk chat.completions.create',
        streamSdk: 'groq-sdk chat.completions.create({ stream: true })',
        instrumentation,
        baseline: stainlessChatContender(client()),
        instrumented: stainlessChatContender(instrumented),
        pipeline,
        metricNames,
        plan,
      });
      calls.push(...(compared.calls ?? []));
      memory.push(...(compared.memory ?? []));
    }
  };
  await measure(variants);

  const shape = await groqmeterChatSpanShape(client());
  const tracer = trace.getTracer('@groqmeter/bench.reference');
  const noMetrics = async () => [];
  const spanRow = `reference: one OTel SDK span per call, ${attributeCount(shape)} attributes`;
  await measure([
    ['reference: a wrapper that does nothing', doNothingClient(client()), noMetrics],
    [`${spanRow}, nothing else`, spanClient(client(), tracer, { shape, activeContext: false }), noMetrics],
    [
      `${spanRow}, made active in the OTel context around the call`,
      spanClient(client(), tracer, { shape, activeContext: true }),
      noMetrics,
    ],
  ]);
  return { calls, memory };
});
