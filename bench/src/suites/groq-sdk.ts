/**
 * groq-sdk with groqmeter's instrumentation against the same SDK bare. `instrumentGroq` works per
 * client, so both clients live in this process and the calls interleave call by call. Five ways
 * of running groqmeter, each against the same bare client: on the global meter provider (a user's
 * own MeterProvider, to whose reader the recorder attaches its metric producer itself), through
 * SDK instruments (the fallback, on a provider with a view), through a metric producer given
 * explicitly (what the register entry attaches to the reader), the same with every span sampled
 * out, and metrics only (`tracing: false`). An explicit producer is collected only to count its
 * metric names; attaching a producer to a reader changes only what a collection reads, and
 * nothing here collects while timing.
 *
 * Then the floor under groqmeter's traced rows, measured the same way: `create` in a wrapper that
 * does nothing, in one that records one OTel SDK span per call with as many attributes as
 * groqmeter's chat span and nothing else, and in one that also makes that span active in the OTel
 * context around the call, as groqmeter does (see span-reference.ts). They record no metrics.
 *
 * Every row runs in a process of its own (suite-rows.ts), as every peer does.
 */

import { instrumentGroq } from '@groqmeter/instrumentation-groq';
import { createGroqmeterMetricProducer } from '@groqmeter/recorder';
import { trace } from '@opentelemetry/api';
import { AlwaysOffSampler, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type GroqClient from 'groq-sdk';
import { compareChatContenders } from '../chat-comparison';
import { requireFromBench } from '../module-copies';
import { installOtelPipeline, meterProviderWithView, producerMetricNames } from '../otel-pipeline';
import { attributeCount, doNothingClient, groqmeterChatSpanShape, spanClient } from '../span-reference';
import { type StainlessChatClient, stainlessChatContender } from '../stainless-contender';
import { runSuiteRows, type SuiteRow } from '../suite-rows';

/** What one row is built from: the pipeline this process installed and a bare client maker. */
interface RowSetup {
  pipeline: ReturnType<typeof installOtelPipeline>;
  client(): GroqClient;
}

/** A row's instrumented client, its label and the names of the metrics it records (for its metric count). */
interface RowClient {
  instrumentation: string;
  instrumented: StainlessChatClient;
  metricNames(): Promise<string[]>;
}

const NO_METRICS = async (): Promise<string[]> => [];

/** A row: groq-sdk bare against the client `make` instruments, in this process's pipeline. */
function row(make: (setup: RowSetup) => Promise<RowClient> | RowClient): SuiteRow {
  return async ({ simulatorUrl, plan }) => {
    const pipeline = installOtelPipeline();
    const { default: Groq } = requireFromBench('groq-sdk') as { default: typeof GroqClient };
    const setup: RowSetup = {
      pipeline,
      client: () => new Groq({ apiKey: 'bench', baseURL: simulatorUrl, maxRetries: 0 }),
    };
    const { instrumentation, instrumented, metricNames } = await make(setup);
    return compareChatContenders({
      sdk: 'groq-sdk chat.completions.create',
      streamSdk: 'groq-sdk chat.completions.create({ stream: true })',
      instrumentation,
      baseline: stainlessChatContender(setup.client()),
      instrumented: stainlessChatContender(instrumented),
      pipeline,
      metricNames,
      plan,
    });
  };
}

/** A row with an explicit metric producer of its own, counted by its names. */
function producerRow(
  instrumentation: string,
  options: (
    producer: ReturnType<typeof createGroqmeterMetricProducer>,
  ) => Parameters<typeof instrumentGroq>[1],
): SuiteRow {
  return row(({ client }) => {
    const producer = createGroqmeterMetricProducer();
    return {
      instrumentation,
      instrumented: instrumentGroq(client(), options(producer)),
      metricNames: () => producerMetricNames(producer),
    };
  });
}

/** A span reference row: one span per call, shaped as groqmeter's chat span, and nothing else. */
function spanRow(activeContext: boolean, suffix: string): SuiteRow {
  return row(async ({ client }) => {
    const shape = await groqmeterChatSpanShape(client());
    return {
      instrumentation: `reference: one OTel SDK span per call, ${attributeCount(shape)} attributes, ${suffix}`,
      instrumented: spanClient(client(), trace.getTracer('@groqmeter/bench.reference'), {
        shape,
        activeContext,
      }),
      metricNames: NO_METRICS,
    };
  });
}

await runSuiteRows('suites/groq-sdk.ts', [
  row(({ client, pipeline }) => ({
    instrumentation: 'groqmeter instrumentGroq()',
    instrumented: instrumentGroq(client()),
    metricNames: () => pipeline.metricNames(),
  })),
  row(({ client }) => {
    const withView = meterProviderWithView();
    return {
      instrumentation:
        'groqmeter instrumentGroq({ meterProvider }), SDK instruments (a provider with a view)',
      instrumented: instrumentGroq(client(), { meterProvider: withView.meterProvider }),
      metricNames: () => withView.metricNames(),
    };
  }),
  producerRow('groqmeter instrumentGroq({ metricProducer })', (metricProducer) => ({ metricProducer })),
  producerRow('groqmeter instrumentGroq({ metricProducer }), spans sampled out', (metricProducer) => ({
    metricProducer,
    tracerProvider: new BasicTracerProvider({ sampler: new AlwaysOffSampler() }),
  })),
  producerRow('groqmeter instrumentGroq({ metricProducer, tracing: false })', (metricProducer) => ({
    metricProducer,
    tracing: false,
  })),
  row(({ client }) => ({
    instrumentation: 'reference: a wrapper that does nothing',
    instrumented: doNothingClient(client()),
    metricNames: NO_METRICS,
  })),
  spanRow(false, 'nothing else'),
  spanRow(true, 'made active in the OTel context around the call'),
]);
