import { defaultPriceBook } from '@groqmeter/pricing';
import {
  type Context,
  context as contextApi,
  createNoopMeter,
  diag,
  type Meter,
  metrics,
  trace,
} from '@opentelemetry/api';
import { getGroqAttributes, mergeAttribution } from './attribution.js';
import { ENV_CAPTURE_MESSAGE_CONTENT, resolveCaptureMessageContent } from './content-capture.js';
import { fallbackStore } from './metric-fallback.js';
import { storeOfProducer } from './metric-producer.js';
import type { MetricStore } from './metric-store.js';
import { type OperationDependencies, RecordedOperation, unrecordedOperation } from './operation.js';
import { attachedProducerStore } from './reader-attachment.js';
import { NO_ATTRIBUTION, RecorderMetrics } from './recorder-metrics.js';
import {
  DROPPED_REASON_VALUE_RECORDER_ERROR,
  DROPPED_REASON_VALUE_SERIES_CAP,
  ENV_SEMCONV_STABILITY_OPT_IN,
  GEN_AI_SEMCONV_VERSION,
  LABEL_BASELINE_MODEL,
  LABEL_BATCH,
  LABEL_COMPONENT,
  LABEL_ERROR_TYPE,
  LABEL_MODEL,
  LABEL_OPERATION,
  LABEL_OUTCOME,
  LABEL_PRICING,
  LABEL_PROVIDER,
  LABEL_REASON,
  LABEL_RESOURCE,
  LABEL_RULE,
  LABEL_SERVICE_TIER,
  LABEL_STATUS_CODE,
  LABEL_TOOL,
  LABEL_TYPE,
  parseSemconvStabilityOptIn,
  SEMCONV_OPT_IN_GEN_AI_LATEST_EXPERIMENTAL,
  SEMCONV_SCHEMA_URL,
} from './semconv.js';
import { SeriesCap } from './series-cap.js';
import { isRecordingSuppressed } from './suppression.js';
import type { OperationHandle, OperationStart, Recorder, RecorderOptions } from './types.js';
import { RECORDER_SCOPE_NAME, RECORDER_VERSION } from './version.js';

/** Attribution keys that become metric labels unless `labelAttributes` says otherwise. */
export const DEFAULT_LABEL_ATTRIBUTES: readonly string[] = ['feature', 'platform', 'tenant_tier'];
/** Distinct label sets per metric before new attribution values go to `__overflow__`. */
export const DEFAULT_SERIES_CAP = 1000;

/** Label names the recorder sets itself; an attribution label with one of these names would clash. */
const RESERVED_LABELS: ReadonlySet<string> = new Set([
  LABEL_MODEL,
  LABEL_OPERATION,
  LABEL_TYPE,
  LABEL_COMPONENT,
  LABEL_SERVICE_TIER,
  LABEL_BATCH,
  LABEL_BASELINE_MODEL,
  LABEL_OUTCOME,
  LABEL_ERROR_TYPE,
  LABEL_STATUS_CODE,
  LABEL_RESOURCE,
  LABEL_TOOL,
  LABEL_REASON,
  LABEL_PRICING,
  LABEL_RULE,
  LABEL_PROVIDER,
]);

function validatedLabelAttributes(labelAttributes: readonly string[]): ReadonlySet<string> {
  for (const key of labelAttributes) {
    if (typeof key !== 'string' || key.trim() === '' || key.startsWith('gen_ai.')) {
      throw new Error(
        `groqmeter recorder: labelAttributes contains ${JSON.stringify(key)}, which is not an attribution key. ` +
          "Expected short user keys such as 'feature' or 'tenant_tier'; remove it from labelAttributes.",
      );
    }
    if (RESERVED_LABELS.has(key)) {
      throw new Error(
        `groqmeter recorder: labelAttributes contains '${key}', a label groqmeter sets itself. ` +
          `Rename the attribution key (e.g. 'app_${key}') and list that name in labelAttributes instead.`,
      );
    }
  }
  return new Set(labelAttributes);
}

function validatedSeriesCap(seriesCap: number): number {
  if (!Number.isInteger(seriesCap) || seriesCap < 0) {
    throw new Error(
      `groqmeter recorder: seriesCap is ${String(seriesCap)}, expected a whole number >= 0 ` +
        `(distinct label sets per metric; default ${DEFAULT_SERIES_CAP}).`,
    );
  }
  return seriesCap;
}

/**
 * Create the recorder that turns the facts of Groq operations into OTel spans, metrics and cost.
 *
 * The tracer comes from `options.tracer`, else `options.tracerProvider`, else the global OTel API
 * (none with `tracing: false`). Metrics go to `options.metricProducer` when given (accumulated per
 * label set, read when its reader collects). Otherwise, the meter provider (`options.meterProvider`,
 * else the global API's) gets such a producer attached to its readers when it is the OTel SDK's,
 * with no views and with cumulative readers of default aggregation, where the producer's points are
 * those SDK instruments would make; any other provider, or `options.meter`, gets the fallback:
 * observable counters and gauges over the same accumulators, and SDK histograms. The provider is
 * resolved once, on first use, so that a global meter provider registered after this call (the OTel
 * Node SDK started later) is still picked up.
 *
 * @throws Error when `labelAttributes` or `seriesCap` is invalid, or `metricProducer` does not come
 * from `createGroqmeterMetricProducer`; nothing else ever throws.
 */
export function createRecorder(options: RecorderOptions = {}): Recorder {
  const labelAttributes = validatedLabelAttributes(options.labelAttributes ?? DEFAULT_LABEL_ATTRIBUTES);
  const seriesCapLimit = validatedSeriesCap(options.seriesCap ?? DEFAULT_SERIES_CAP);
  const priceBook = options.priceBook ?? defaultPriceBook;
  const baselines = options.baselines ?? {};
  const captureMessageContent = resolveCaptureMessageContent(
    options.captureMessageContent,
    process.env[ENV_CAPTURE_MESSAGE_CONTENT],
  );
  const optIn = parseSemconvStabilityOptIn(process.env[ENV_SEMCONV_STABILITY_OPT_IN]);
  diag.debug(
    `groqmeter recorder: emitting GenAI semantic conventions v${GEN_AI_SEMCONV_VERSION} ` +
      (optIn.has(SEMCONV_OPT_IN_GEN_AI_LATEST_EXPERIMENTAL)
        ? `(requested by ${SEMCONV_OPT_IN_GEN_AI_LATEST_EXPERIMENTAL})`
        : `(the default; same as ${SEMCONV_OPT_IN_GEN_AI_LATEST_EXPERIMENTAL})`),
  );

  const tracer =
    options.tracing === false
      ? undefined
      : (options.tracer ??
        (options.tracerProvider ?? trace.getTracerProvider()).getTracer(
          RECORDER_SCOPE_NAME,
          RECORDER_VERSION,
          {
            schemaUrl: SEMCONV_SCHEMA_URL,
          },
        ));

  // The mode is fixed here: a recorder given a metric producer records into its accumulators
  // only; any other into the store of a producer it attached to its provider's readers, where that
  // reports the same points, else into its meter's fallback store; no point is ever recorded twice.
  // Resolved on first use, so that a global provider registered after the recorder is the one used.
  const producerStore =
    options.metricProducer === undefined ? undefined : storeOfProducer(options.metricProducer);
  let store: MetricStore | undefined = producerStore;
  const getStore = (): MetricStore => {
    if (store !== undefined) return store;
    if (options.meter !== undefined) {
      store = fallbackStoreOrNoop(() => options.meter!);
      return store;
    }
    const meterProvider = options.meterProvider ?? metrics.getMeterProvider();
    store =
      attachedProducerStore(meterProvider) ??
      fallbackStoreOrNoop(() =>
        meterProvider.getMeter(RECORDER_SCOPE_NAME, RECORDER_VERSION, { schemaUrl: SEMCONV_SCHEMA_URL }),
      );
    return store;
  };

  const dropped = (reason: string, count = 1): void => {
    try {
      const family = recorderMetrics.families.dropped;
      (family.get(reason) ?? family.admit(reason, { [LABEL_REASON]: reason }, NO_ATTRIBUTION)).record(count);
    } catch (error) {
      diag.debug('groqmeter recorder: could not count dropped telemetry', error);
    }
  };
  const recorderError = (error: unknown): void => {
    diag.debug('groqmeter recorder: recording failed; the instrumented call is unaffected', error);
    dropped(DROPPED_REASON_VALUE_RECORDER_ERROR);
  };
  const seriesCap = new SeriesCap(seriesCapLimit, () => dropped(DROPPED_REASON_VALUE_SERIES_CAP));
  const recorderMetrics = new RecorderMetrics(getStore, seriesCap);

  // One object for every operation of this recorder: only the attribution is the operation's own.
  const dependencies: OperationDependencies = {
    tracer,
    metrics: recorderMetrics,
    priceBook,
    baselines,
    captureMessageContent,
    labelAttributes,
    onCost: options.onCost,
    dropped,
    recorderError,
  };
  const start = (operationStart: OperationStart): OperationHandle => {
    let parentContext: Context = contextApi.active();
    try {
      parentContext = operationStart.parentContext ?? parentContext;
      if (isRecordingSuppressed(parentContext)) return unrecordedOperation(parentContext);
      const attribution = mergeAttribution(
        options.attributes,
        getGroqAttributes(parentContext),
        operationStart.attributes,
      );
      return new RecordedOperation(dependencies, attribution, operationStart, parentContext);
    } catch (error) {
      recorderError(error);
      return unrecordedOperation(parentContext);
    }
  };

  return { start, dropped };
}

function fallbackStoreOrNoop(getMeter: () => Meter): MetricStore {
  try {
    return fallbackStore(getMeter());
  } catch (error) {
    diag.warn(
      'groqmeter recorder: could not create metric instruments; metrics are off for this recorder',
      error,
    );
    return fallbackStore(createNoopMeter());
  }
}
