import type { Attributes } from '@opentelemetry/api';
import type { FamilySeries } from './recorder-metrics.js';
import { ATTR_GEN_AI_RESPONSE_MODEL, LABEL_MODEL, LABEL_OPERATION, LABEL_PROVIDER } from './semconv.js';
import type { Series } from './series.js';
import { keyPart } from './span-attributes.js';

/**
 * `series` when `family` cached it under `key` (admitted under the series cap), else undefined:
 * a slot keeps only what the family's cache would have kept, so that every value recorded past
 * the cap still goes through the cap and is counted as dropped, as without slots.
 */
export function kept(family: FamilySeries, key: string, series: Series): Series | undefined {
  return family.get(key) === series ? series : undefined;
}

/** One series cached under a few label values, found by comparing them (no key string built). */
interface ValuedSeries {
  readonly first: string;
  readonly second: string;
  readonly third: string;
  readonly series: Series;
}

/**
 * A few series told apart by up to three label values: a linear scan over short lists (a cost
 * component, a service tier, a baseline model), bounded so that unusual values cannot grow it.
 */
export class ValuedSlots {
  private readonly entries: ValuedSeries[] = [];

  find(first: string, second = '', third = ''): Series | undefined {
    for (const entry of this.entries) {
      if (entry.first === first && entry.second === second && entry.third === third) return entry.series;
    }
    return undefined;
  }

  keep(series: Series | undefined, first: string, second = '', third = ''): void {
    if (series !== undefined && this.entries.length < VALUED_SLOTS_LIMIT) {
      this.entries.push({ first, second, third, series });
    }
  }
}

/** Distinct values a {@link ValuedSlots} keeps; past it the family caches still serve. */
const VALUED_SLOTS_LIMIT = 16;

/**
 * The series labelled with one `model` (and the context's operation, provider and attribution),
 * resolved on first use and kept for every later operation of the same context and model.
 */
export class ModelSeries {
  /** `{ model, operation, provider }`: never mutated once handed out (a series keeps it). */
  readonly groqLabels: Attributes;
  /** Cache key part of {@link groqLabels}. */
  readonly groqKey: string;
  /** Cache key of `{ model }` alone. */
  readonly modelKey: string;
  /** `x-ratelimit-*`: limit, remaining and reset of requests, then of tokens. */
  readonly rateLimit: Array<Series | undefined> = [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ];
  retryAfter: Series | undefined;
  rateLimitHits: Series | undefined;
  serverQueueTime: Series | undefined;
  serverPromptTime: Series | undefined;
  serverCompletionTime: Series | undefined;
  serverOutputTokensPerSecond: Series | undefined;
  speechCharacters: Series | undefined;
  audioBilledSeconds: Series | undefined;
  /** `groq.tokens` by token type. */
  readonly tokens = new ValuedSlots();
  /** `groq.requests` of a success (no error type, no status). */
  succeeded: Series | undefined;
  /** `groq.priced.operations` by pricing. */
  readonly pricing = new ValuedSlots();
  /** `groq.cost.usd` by component, service tier and batch. */
  readonly cost = new ValuedSlots();
  /** `groq.cost.baseline.usd` by baseline model. */
  readonly baselineCost = new ValuedSlots();

  constructor(
    readonly model: string,
    operation: string,
    provider: string,
  ) {
    this.groqLabels = { [LABEL_MODEL]: model, [LABEL_OPERATION]: operation, [LABEL_PROVIDER]: provider };
    this.modelKey = keyPart(model);
    this.groqKey = this.modelKey + keyPart(operation) + keyPart(provider);
  }
}

/**
 * The series labelled with the start's semconv metric attributes plus one `gen_ai.response.model`
 * (none when the response named no model).
 */
export class ResponseSeries {
  /** The metric attributes: never mutated once handed out. */
  readonly attributes: Attributes;
  /** Cache key part of {@link attributes}. */
  readonly key: string;
  /** `gen_ai.client.token.usage` by semconv token type. */
  readonly tokenUsage = new ValuedSlots();
  /** `gen_ai.client.operation.duration` without an error type. */
  succeeded: Series | undefined;

  constructor(startAttributes: Attributes, startKey: string, responseModel: string | undefined) {
    this.attributes =
      responseModel === undefined
        ? startAttributes
        : { ...startAttributes, [ATTR_GEN_AI_RESPONSE_MODEL]: responseModel };
    // `|` starts no part: the start's key and the response model's part cannot run into each other.
    this.key = responseModel === undefined ? startKey : `${startKey}|${keyPart(responseModel)}`;
  }
}

/** How many models or response models one context keeps; past it they are rebuilt per operation. */
const MODELS_LIMIT = 32;

/**
 * What every operation with the same start labels and attribution labels shares, kept by the
 * recorder between operations: the label objects and their cache keys, built once, and each metric
 * family's series once resolved, so that an operation whose label set was seen before records
 * each point without building a key or looking a series up.
 */
export class LabelContext {
  /** The attribution label names, in order (what the series cap bounds). */
  readonly attributionKeys: readonly string[];
  timeToFirstChunk: Series | undefined;
  timePerOutputChunk: Series | undefined;
  private readonly models = new Map<string, ModelSeries>();
  private readonly responses = new Map<string, ResponseSeries>();
  private noResponseModel: ResponseSeries | undefined;

  constructor(
    readonly operation: string,
    readonly provider: string,
    /** Semconv metric attributes known at the start (the chunk histograms use them as they are). */
    readonly startAttributes: Attributes,
    /** Their cache key (`startMetricKey`). */
    readonly startKey: string,
    /** The allow-listed attribution labels. */
    readonly attributionLabels: Attributes,
    /** `orderedLabelKey` of the attribution labels, the prefix of every attributed key. */
    readonly attributionKey: string,
  ) {
    this.attributionKeys = Object.keys(attributionLabels);
  }

  /** The series labelled with `model`. */
  modelSeries(model: string): ModelSeries {
    let series = this.models.get(model);
    if (series === undefined) {
      series = new ModelSeries(model, this.operation, this.provider);
      if (this.models.size < MODELS_LIMIT) this.models.set(model, series);
    }
    return series;
  }

  /** The series labelled with the start's attributes and `responseModel`. */
  responseSeries(responseModel: string | undefined): ResponseSeries {
    if (responseModel === undefined) {
      this.noResponseModel ??= new ResponseSeries(this.startAttributes, this.startKey, undefined);
      return this.noResponseModel;
    }
    let series = this.responses.get(responseModel);
    if (series === undefined) {
      series = new ResponseSeries(this.startAttributes, this.startKey, responseModel);
      if (this.responses.size < MODELS_LIMIT) this.responses.set(responseModel, series);
    }
    return series;
  }

  /** The attribution labels first, then `attributes` (a user key never overwrites groqmeter's). */
  withAttribution(attributes: Attributes): Attributes {
    return this.attributionKeys.length === 0 ? attributes : { ...this.attributionLabels, ...attributes };
  }
}

/**
 * Whether attribution `value` of allow-listed `key` becomes a label. Prometheus reads `feature=""`
 * as no label: emitting it would make a second OTLP stream of the same series, whose cumulative
 * values alternate with the first one's.
 */
function isLabel(labelAttributes: ReadonlySet<string>, key: string, value: string): boolean {
  return value !== '' && labelAttributes.has(key);
}

/**
 * `orderedLabelKey` of the attribution labels {@link attributionLabelsOf} would build, without
 * building them: what finds an operation's {@link LabelContext}.
 */
export function attributionLabelKey(
  attribution: Readonly<Record<string, string | number | boolean>>,
  labelAttributes: ReadonlySet<string>,
): string {
  let key = '';
  for (const name in attribution) {
    const value = String(attribution[name]);
    if (isLabel(labelAttributes, name, value)) key += keyPart(name) + keyPart(value);
  }
  return key;
}

/** The allow-listed attribution labels of an operation, values as strings. */
export function attributionLabelsOf(
  attribution: Readonly<Record<string, string | number | boolean>>,
  labelAttributes: ReadonlySet<string>,
): Attributes {
  const labels: Attributes = {};
  for (const name in attribution) {
    const value = String(attribution[name]);
    if (isLabel(labelAttributes, name, value)) labels[name] = value;
  }
  return labels;
}
