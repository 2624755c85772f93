import { PageFamily } from './contract-families.js';
import type { HeadlineSample } from './headline-history.js';
import { mergeHistograms } from './histogram-math.js';
import type { StoreView } from './store-view.js';

/** The headline aggregates of one store snapshot, as the history records them. */
export function headlineSample(view: StoreView): HeadlineSample {
  const duration = mergeHistograms(view.histograms(PageFamily.operationDuration));
  const errors = view.total(PageFamily.requests, { outcome: 'error' });
  return {
    values: {
      spendUsd: view.total(PageFamily.cost),
      inputTokens: view.total(PageFamily.tokens, { type: 'input' }),
      outputTokens: view.total(PageFamily.tokens, { type: 'output' }),
      requests: view.total(PageFamily.requests),
      errors,
      finished: view.total(PageFamily.requests, { outcome: 'success' }) + errors,
      durationSum: duration?.sum ?? 0,
      durationCount: duration?.count ?? 0,
      lowestHeadroom: lowestHeadroom(view)?.share ?? Number.NaN,
    },
    durationBounds: duration?.bounds ?? [],
    durationBuckets: duration?.buckets ?? [],
  };
}

/** One model's and resource's rate-limit state from the last `x-ratelimit-*` headers. */
export interface RateLimitState {
  model: string;
  /** `requests` (per day) or `tokens` (per minute). */
  resource: string;
  limit: number;
  remaining: number;
  /** `remaining / limit`; `undefined` for a limit of 0. */
  share: number | undefined;
  resetSeconds: number | undefined;
}

/** Every model's and resource's rate-limit state, lowest headroom first. */
export function rateLimitStates(view: StoreView): RateLimitState[] {
  const key = (labels: Readonly<Record<string, string>>) =>
    `${labels.model ?? ''}\u0000${labels.resource ?? ''}`;
  const remaining = new Map(
    view.values(PageFamily.rateLimitRemaining).map((point) => [key(point.labels), point.value]),
  );
  const reset = new Map(
    view.values(PageFamily.rateLimitReset).map((point) => [key(point.labels), point.value]),
  );
  return view
    .values(PageFamily.rateLimitLimit)
    .filter((point) => remaining.has(key(point.labels)))
    .map((point) => {
      const left = remaining.get(key(point.labels)) ?? 0;
      return {
        model: point.labels.model ?? '',
        resource: point.labels.resource ?? '',
        limit: point.value,
        remaining: left,
        share: point.value > 0 ? left / point.value : undefined,
        resetSeconds: reset.get(key(point.labels)),
      };
    })
    .sort((a, b) => (a.share ?? Number.POSITIVE_INFINITY) - (b.share ?? Number.POSITIVE_INFINITY));
}

/** The lowest `remaining / limit` of any model and resource, as the Overview dashboard's panel. */
export function lowestHeadroom(view: StoreView): RateLimitState | undefined {
  const [lowest] = rateLimitStates(view);
  return lowest?.share === undefined ? undefined : lowest;
}
