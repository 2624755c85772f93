import { LABEL_REASON, METRIC_GROQMETER_DROPPED } from '@groqmeter/recorder';
import { type Counter, diag, type MeterProvider, metrics, ValueType } from '@opentelemetry/api';
import type { LedgerDropReason } from './types.js';
import { LEDGER_SCOPE_NAME, LEDGER_VERSION } from './version.js';

/** Every drop reason, each counted from 0. */
const LEDGER_DROP_REASONS: readonly LedgerDropReason[] = [
  'ledger_queue_full',
  'ledger_invalid_span',
  'ledger_rejected',
  'ledger_closed',
];

/**
 * Counts rows the ledger did not write: in memory for `stats()`, and as
 * `groqmeter_dropped_total{reason}` on the OTel meter (the recorder's instrument, same name and
 * description). The meter is resolved at the first drop, so a global meter provider registered
 * after `openLedger` is still used.
 */
export class DroppedCounter {
  private readonly counts = Object.fromEntries(LEDGER_DROP_REASONS.map((reason) => [reason, 0])) as Record<
    LedgerDropReason,
    number
  >;
  private counter: Counter | undefined;

  constructor(private readonly meterProvider: MeterProvider | undefined) {}

  add(reason: LedgerDropReason, count = 1): void {
    this.counts[reason] += count;
    try {
      this.counter ??= (this.meterProvider ?? metrics.getMeterProvider())
        .getMeter(LEDGER_SCOPE_NAME, LEDGER_VERSION)
        .createCounter(METRIC_GROQMETER_DROPPED, {
          unit: '{event}',
          description: 'Telemetry groqmeter refused or could not process, by reason.',
          valueType: ValueType.INT,
        });
      this.counter.add(count, { [LABEL_REASON]: reason });
    } catch (error) {
      diag.debug('groqmeter ledger: could not count dropped rows on the meter', error);
    }
  }

  snapshot(): Record<LedgerDropReason, number> {
    return { ...this.counts };
  }
}
