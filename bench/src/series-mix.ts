import { defaultPriceBook } from '@groqmeter/pricing';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  GEN_AI_OPERATION_SECONDS_BUCKETS,
  GEN_AI_TOKEN_USAGE_BUCKETS,
  LABEL_BATCH,
  LABEL_COMPONENT,
  LABEL_MODEL,
  LABEL_OPERATION,
  LABEL_OUTCOME,
  LABEL_SERVICE_TIER,
  LABEL_TYPE,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_GROQ_COST_USD,
  METRIC_GROQ_REQUESTS,
  METRIC_GROQ_TOKENS,
} from '@groqmeter/recorder';
import type { Meter } from '@opentelemetry/api';
import type { ViewOptions } from '@opentelemetry/sdk-metrics';

/** The meter (and so `otel_scope_name`) every synthetic series is recorded under. */
export const SERIES_SCOPE = 'groqmeter-bench';

/** The resource of the app the series come from (`job` and `instance` on groqmeter's exporter). */
export const SERIES_RESOURCE = { 'service.name': 'bench-app', 'service.instance.id': 'bench-1' };

/**
 * Meter provider views for recording the mix: the SDK's default cardinality limit (2,000 label
 * sets per metric, the rest folded into one overflow series) would cap the series counts measured.
 */
export const SERIES_VIEWS: ViewOptions[] = [{ instrumentName: '*', aggregationCardinalityLimit: 10_000_000 }];

/** Model label values: the Groq chat models in service in the price catalogue, as an app would see. */
const MODELS = defaultPriceBook
  .models()
  .filter(
    (model) =>
      model.provider === 'groq' && model.retiredOn === undefined && model.prices.output !== undefined,
  )
  .map((model) => model.id);
if (MODELS.length === 0)
  throw new Error('the price catalogue lists no Groq chat model in service to label series with.');
const TOKEN_TYPES = ['input', 'cached_input', 'output', 'reasoning'];
const COST_COMPONENTS = ['input', 'cached_input', 'output'];

/**
 * Records series `from` to `to - 1` of a fixed mix shaped like groqmeter's telemetry: every ten
 * series are two histograms with the semconv buckets (`gen_ai.client.operation.duration`,
 * `gen_ai.client.token.usage`) and eight counters (four `groq.tokens` types, three
 * `groq.cost.usd` components, one `groq.requests`), for one `feature` value, the models taken in
 * turn from the catalogue.
 * The same index always gives the same series and value, whoever records it.
 */
export function recordSeries(meter: Meter, from: number, to: number): void {
  const duration = meter.createHistogram(METRIC_GEN_AI_CLIENT_OPERATION_DURATION, {
    description: 'GenAI operation duration',
    unit: 's',
    advice: { explicitBucketBoundaries: GEN_AI_OPERATION_SECONDS_BUCKETS },
  });
  const tokenUsage = meter.createHistogram(METRIC_GEN_AI_CLIENT_TOKEN_USAGE, {
    description: 'Tokens used per operation',
    unit: '{token}',
    advice: { explicitBucketBoundaries: GEN_AI_TOKEN_USAGE_BUCKETS },
  });
  const tokens = meter.createCounter(METRIC_GROQ_TOKENS, { description: 'Tokens by type' });
  const cost = meter.createCounter(METRIC_GROQ_COST_USD, { description: 'Cost in USD by component' });
  const requests = meter.createCounter(METRIC_GROQ_REQUESTS, { description: 'Operations by outcome' });

  for (let index = from; index < to; index++) {
    const group = Math.floor(index / 10);
    const slot = index % 10;
    const model = MODELS[group % MODELS.length]!;
    const feature = `feature-${group}`;
    const genAi = {
      [ATTR_GEN_AI_OPERATION_NAME]: 'chat',
      [ATTR_GEN_AI_PROVIDER_NAME]: 'groq',
      [ATTR_GEN_AI_REQUEST_MODEL]: model,
      feature,
    };
    const groq = { [LABEL_MODEL]: model, [LABEL_OPERATION]: 'chat', feature };
    if (slot === 0) duration.record(0.05 + (group % 20) * 0.1, genAi);
    else if (slot === 1)
      tokenUsage.record(100 + (group % 500), { ...genAi, [ATTR_GEN_AI_TOKEN_TYPE]: 'input' });
    else if (slot < 6) tokens.add(100 + group, { ...groq, [LABEL_TYPE]: TOKEN_TYPES[slot - 2]! });
    else if (slot < 9) {
      cost.add(0.000_1 * (group + 1), {
        ...groq,
        [LABEL_COMPONENT]: COST_COMPONENTS[slot - 6]!,
        [LABEL_SERVICE_TIER]: 'on_demand',
        [LABEL_BATCH]: 'false',
      });
    } else requests.add(group + 1, { ...groq, [LABEL_OUTCOME]: 'success' });
  }
}
