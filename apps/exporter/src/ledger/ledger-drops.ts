import type { Ledger, LedgerDropReason } from '@groqmeter/ledger';
import type { SelfMetrics } from '../self-metrics.js';

/**
 * Carries the ledger's drop counts (`ledger.stats().dropped`, by the ledger's reasons) into
 * `groqmeter_dropped_total{reason}`. Each call adds what was dropped since the previous one; the
 * first call creates every reason's series, at 0 when nothing was dropped yet.
 */
export function ledgerDropsFeed(ledger: Ledger, selfMetrics: SelfMetrics): () => void {
  const counted = new Map<LedgerDropReason, number>();
  return () => {
    for (const [reason, total] of Object.entries(ledger.stats().dropped) as [LedgerDropReason, number][]) {
      selfMetrics.dropped(reason, total - (counted.get(reason) ?? 0));
      counted.set(reason, total);
    }
  };
}
