import { type Money, type PriceBook, type PriceResult, toUsdNumber, type Usage } from '@groqmeter/pricing';
import { Family, Instrument, Label } from '../contract-names.js';
import type { MetricStore, StoreRefusal } from '../store/metric-store.js';
import type { Contribution, Labels } from '../store/series.js';

/** An increase of a usage counter the exporter can price, as it was stored. */
export interface UsageIncrease {
  /** The OTel instrument name (`groq.tokens`, ...). */
  instrument: string;
  /** The Prometheus labels of the usage series (job, instance, scope, model, ...). */
  labels: Labels;
  increase: number;
  timeUnixNano: bigint;
}

/** What central pricing could not do, counted by `groqmeter_dropped_total` reason. */
export type PricingDrops = Map<'unknown_model' | 'invalid_usage' | StoreRefusal, number>;

const COST_HELP = 'Cost of Groq usage in USD by component (input, cached_input, output, audio, speech, tool)';

type TokenField =
  | 'inputTokens'
  | 'cachedInputTokens'
  | 'outputTokens'
  | 'reasoningTokens'
  | 'audioInputTokens'
  | 'audioOutputTokens';

const TOKEN_FIELDS: Record<string, TokenField> = {
  input: 'inputTokens',
  cached_input: 'cachedInputTokens',
  output: 'outputTokens',
  reasoning: 'reasoningTokens',
  audio_input: 'audioInputTokens',
  audio_output: 'audioOutputTokens',
};

/**
 * How each priceable instrument turns into {@link Usage}: the label that tells its series apart
 * within one operation group (left out of the cost labels) and where the increase goes.
 */
const PRICED_INSTRUMENTS: Record<
  string,
  { splitLabel?: string; addTo(usage: Usage, split: string, n: number): void }
> = {
  [Instrument.tokens]: {
    splitLabel: Label.tokenType,
    addTo(usage, type, n) {
      const field = TOKEN_FIELDS[type];
      if (field) usage[field] = (usage[field] ?? 0) + n;
    },
  },
  [Instrument.audioBilledSeconds]: {
    addTo(usage, _split, n) {
      usage.audioSeconds = (usage.audioSeconds ?? 0) + n;
    },
  },
  [Instrument.speechCharacters]: {
    addTo(usage, _split, n) {
      usage.characters = (usage.characters ?? 0) + n;
    },
  },
  [Instrument.toolCalls]: {
    splitLabel: Label.tool,
    addTo(usage, tool, n) {
      usage.toolCalls = { ...usage.toolCalls, [tool]: (usage.toolCalls?.[tool] ?? 0) + n };
    },
  },
};

/** Exact money a sender's usage cost, as priced by the exporter. */
class CentralCostContribution implements Contribution {
  private amount: Money = 0n;

  constructor(public lastSeenMs: number) {}

  add(amount: Money, nowMs: number): void {
    this.amount += amount;
    this.lastSeenMs = nowMs;
  }

  total(): number[] {
    return [toUsdNumber(this.amount)];
  }
}

/**
 * Usage counters carry no service tier or batch flag: the exporter prices them in the provider's
 * standard tier (Groq's `on_demand`, OpenAI's `default`), the label the recorder gives its own cost.
 */
const STANDARD_TIER: Readonly<Record<string, string>> = { groq: 'on_demand', openai: 'default' };
/** Senders older than the `provider` label sent Groq usage only. */
const DEFAULT_PROVIDER = 'groq';

/**
 * Prices usage counters with the exporter's price book and adds the cost to
 * `groq_cost_usd_total` under the usage series' labels (`provider` included), minus the token
 * `type` or `tool`, plus `component`, the provider's standard `service_tier` and `batch="false"` (the label set the recorder gives
 * its own cost). The amounts are kept as exact money per sender and converted only when served.
 */
export class CentralPricing {
  /** Models each sender has pushed its own `groq.cost.usd` for. */
  private readonly pushedCostModels = new Map<string, { models: Set<string>; lastSeenMs: number }>();

  constructor(
    private readonly priceBook: PriceBook,
    private readonly store: MetricStore,
    /** Price every usage push centrally and ignore pushed costs. */
    readonly reprice: boolean,
  ) {}

  /** Whether the exporter prices this instrument's increases. */
  prices(instrument: string): boolean {
    return instrument in PRICED_INSTRUMENTS;
  }

  /** Remembers that a sender prices a model itself, so the exporter does not price it again. */
  notePushedCost(resourceKey: string, model: string, nowMs: number): void {
    const entry = this.pushedCostModels.get(resourceKey) ?? { models: new Set<string>(), lastSeenMs: nowMs };
    entry.models.add(model);
    entry.lastSeenMs = nowMs;
    this.pushedCostModels.set(resourceKey, entry);
  }

  /**
   * Prices one sender's usage increases from one push. Increases for a model the sender prices
   * itself are skipped unless {@link CentralPricing.reprice} is on.
   */
  apply(resourceKey: string, increases: readonly UsageIncrease[], nowMs: number): PricingDrops {
    const drops: PricingDrops = new Map();
    const selfPriced = this.reprice ? undefined : this.pushedCostModels.get(resourceKey)?.models;
    const groups = new Map<string, { labels: Labels; usage: Usage; timeUnixNano: bigint }>();
    for (const increase of increases) {
      const rule = PRICED_INSTRUMENTS[increase.instrument];
      if (!rule || increase.increase <= 0) continue;
      const model = labelValue(increase.labels, Label.model);
      if (model !== undefined && selfPriced?.has(model)) continue;
      const split = rule.splitLabel ? (labelValue(increase.labels, rule.splitLabel) ?? '') : '';
      const groupLabels = increase.labels.filter(([name]) => name !== rule.splitLabel);
      const key = JSON.stringify(groupLabels);
      const group = groups.get(key) ?? { labels: groupLabels, usage: {}, timeUnixNano: 0n };
      rule.addTo(group.usage, split, increase.increase);
      if (increase.timeUnixNano > group.timeUnixNano) group.timeUnixNano = increase.timeUnixNano;
      groups.set(key, group);
    }
    for (const group of groups.values()) this.priceGroup(resourceKey, group, nowMs, drops);
    return drops;
  }

  /** Forgets senders that have been silent since before `cutoffMs`. */
  sweep(cutoffMs: number): void {
    for (const [key, entry] of this.pushedCostModels) {
      if (entry.lastSeenMs < cutoffMs) this.pushedCostModels.delete(key);
    }
  }

  private priceGroup(
    resourceKey: string,
    group: { labels: Labels; usage: Usage; timeUnixNano: bigint },
    nowMs: number,
    drops: PricingDrops,
  ): void {
    const model = labelValue(group.labels, Label.model);
    const provider = labelValue(group.labels, Label.provider) ?? DEFAULT_PROVIDER;
    const at = group.timeUnixNano > 0n ? new Date(Number(group.timeUnixNano / 1_000_000n)) : undefined;
    let result: PriceResult | undefined;
    try {
      // Priced on the serving provider's entries only: a Groq id OpenAI served is unknown, not Groq-priced.
      result = model === undefined ? undefined : this.priceBook.price(model, group.usage, { at, provider });
    } catch {
      // Usage the price book refuses (e.g. more cached than input tokens in one push).
      drops.set('invalid_usage', (drops.get('invalid_usage') ?? 0) + 1);
      return;
    }
    if (!result?.known) {
      drops.set('unknown_model', (drops.get('unknown_model') ?? 0) + 1);
      return;
    }
    const byComponent = new Map<string, Money>();
    for (const line of result.lines) {
      byComponent.set(line.component, (byComponent.get(line.component) ?? 0n) + line.amount);
    }
    const family = this.store.monotonicFamily(Family.cost, 'counter', COST_HELP);
    if (typeof family === 'string') {
      drops.set(family, (drops.get(family) ?? 0) + 1);
      return;
    }
    for (const [component, amount] of byComponent) {
      const labels = withLabels(group.labels, [
        [Label.component, component],
        [Label.serviceTier, STANDARD_TIER[provider] ?? STANDARD_TIER[DEFAULT_PROVIDER]!],
        [Label.batch, 'false'],
      ]);
      const series = this.store.monotonicSeries(family, labels);
      if (typeof series === 'string') {
        drops.set(series, (drops.get(series) ?? 0) + 1);
        continue;
      }
      const key = `${resourceKey}|central`;
      const existing = series.contributions.get(key);
      const contribution =
        existing instanceof CentralCostContribution ? existing : new CentralCostContribution(nowMs);
      series.contributions.set(key, contribution);
      contribution.add(amount, nowMs);
    }
  }
}

function labelValue(labels: Labels, name: string): string | undefined {
  return labels.find(([labelName]) => labelName === name)?.[1];
}

/** Sets labels (replacing same-named ones) and keeps the set sorted. */
function withLabels(labels: Labels, added: readonly (readonly [string, string])[]): Labels {
  const names = new Set(added.map(([name]) => name));
  return [...labels.filter(([name]) => !names.has(name)), ...added].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
}
