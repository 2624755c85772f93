import type { Attributes } from '@opentelemetry/api';
import { type FamilyId, METRIC_FAMILIES } from './instruments.js';
import { attributionLabelKey, attributionLabelsOf, LabelContext } from './label-context.js';
import { FAMILY_IDS, type MetricStore } from './metric-store.js';
import type { Series } from './series.js';
import type { SeriesCap } from './series-cap.js';
import { startMetricAttributes, startMetricKey } from './span-attributes.js';
import type { OperationStart } from './types.js';

/** No attribution labels in a label set: the series cap does not bound it. */
export const NO_ATTRIBUTION: readonly string[] = [];

/**
 * The series one recorder has resolved in one family, by a key its caller builds from the label
 * values in a fixed order (cheap, no sorting): a label set seen before costs that key and one map
 * lookup. The cache is per recorder because the series cap is: an admitted label set is cached (at
 * most twice the cap when it has attribution labels, for the same set written in another order);
 * an overflowed one is not, so that every value recorded past the cap is counted as dropped, as
 * before.
 */
export class FamilySeries {
  private readonly cache = new Map<string, Series>();
  private readonly name: string;

  constructor(
    private readonly family: FamilyId,
    private readonly recorder: RecorderMetrics,
  ) {
    this.name = METRIC_FAMILIES[family].name;
  }

  /** The series cached under `key`, if any. */
  get(key: string): Series | undefined {
    return this.cache.get(key);
  }

  /**
   * The series of `attributes` (built by the caller on a cache miss only), bounded by the series
   * cap when `attributionKeys` names attribution labels in them.
   */
  admit(key: string, attributes: Attributes, attributionKeys: readonly string[]): Series {
    const { seriesCap } = this.recorder;
    const admitted = seriesCap.admit(this.name, attributes, attributionKeys);
    const series = this.recorder.store().series(this.family, admitted);
    if (admitted === attributes && (attributionKeys.length === 0 || this.cache.size < 2 * seriesCap.cap)) {
      this.cache.set(key, series);
    }
    return series;
  }
}

/** What of an operation's start its label context depends on (see `startMetricKey`). */
interface StartLabels {
  operation: string;
  provider: string;
  requestModel: string | undefined;
  serverAddress: string | undefined;
  serverPort: string | number | undefined;
}

/** Every family's {@link FamilySeries} of one recorder. */
export type RecorderFamilies = { readonly [Family in FamilyId]: FamilySeries };

/**
 * The metrics side of one recorder: where its series live (a metric producer's store, or the
 * fallback store of its meter, resolved on first use) and its per-family series caches.
 */
export class RecorderMetrics {
  readonly families: RecorderFamilies;
  /** Label contexts by attribution key and start key; bounded like the families' caches. */
  private readonly contexts = new Map<string, LabelContext>();
  private readonly contextsLimit: number;
  /**
   * The context handed out last and the start labels it is for: the operations of one call site
   * follow each other with the same ones, and then need neither a key nor a lookup.
   */
  private last: (StartLabels & { attributionKey: string; context: LabelContext }) | undefined;

  constructor(
    /** The store, resolved on the first series (the global meter provider may be set late). */
    readonly store: () => MetricStore,
    readonly seriesCap: SeriesCap,
  ) {
    const families = {} as Record<FamilyId, FamilySeries>;
    for (const family of FAMILY_IDS) families[family] = new FamilySeries(family, this);
    this.families = families;
    this.contextsLimit = Math.max(MIN_CONTEXTS_LIMIT, 2 * seriesCap.cap);
  }

  /**
   * The label context of an operation: the one an earlier operation with the same start labels
   * and attribution labels left (one key built from their values, one lookup), else a new one.
   */
  labelContext(
    start: OperationStart,
    provider: string,
    attribution: Readonly<Record<string, string | number | boolean>>,
    labelAttributes: ReadonlySet<string>,
  ): LabelContext {
    const attributionKey = attributionLabelKey(attribution, labelAttributes);
    const { operation, requestModel, serverAddress } = start;
    const serverPort = serverAddress === undefined ? undefined : start.serverPort;
    const last = this.last;
    if (
      last !== undefined &&
      last.operation === operation &&
      last.provider === provider &&
      last.requestModel === requestModel &&
      last.serverAddress === serverAddress &&
      last.serverPort === serverPort &&
      last.attributionKey === attributionKey
    ) {
      return last.context;
    }
    const startKey = startMetricKey(start, provider);
    const key = attributionKey + startKey;
    let context = this.contexts.get(key);
    if (context === undefined) {
      context = new LabelContext(
        start.operation,
        provider,
        startMetricAttributes(start, provider),
        startKey,
        attributionLabelsOf(attribution, labelAttributes),
        attributionKey,
      );
      if (this.contexts.size < this.contextsLimit) this.contexts.set(key, context);
    }
    this.last = { operation, provider, requestModel, serverAddress, serverPort, attributionKey, context };
    return context;
  }
}

/** Label contexts a recorder keeps at least (with a series cap of zero, unattributed ones). */
const MIN_CONTEXTS_LIMIT = 64;
