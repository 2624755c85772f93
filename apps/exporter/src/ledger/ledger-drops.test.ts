import type { Ledger, LedgerStats } from '@groqmeter/ledger';
import { describe, expect, it } from 'vitest';
import { renderExposition } from '../prometheus/render-exposition.js';
import { SelfMetrics } from '../self-metrics.js';
import { MetricStore } from '../store/metric-store.js';
import { ledgerDropsFeed } from './ledger-drops.js';

/** A ledger whose drop counts the test sets. */
function ledgerDropping(dropped: LedgerStats['dropped']): Ledger {
  return {
    stats: (): LedgerStats => ({ queued: 0, written: 0, dropped: { ...dropped }, lastError: undefined }),
  } as Ledger;
}

async function droppedLines(store: MetricStore): Promise<string[]> {
  const { body } = await renderExposition(store.snapshot(), 'prometheus');
  return body.split('\n').filter((line) => line.startsWith('groqmeter_dropped_total{'));
}

describe('ledgerDropsFeed', () => {
  it('serves every ledger reason from 0, then adds what the ledger dropped since', async () => {
    const store = new MetricStore({ seriesCap: 10, staleAfterMs: 1000 });
    const dropped = { ledger_queue_full: 0, ledger_invalid_span: 0, ledger_rejected: 0, ledger_closed: 0 };
    const feed = ledgerDropsFeed(ledgerDropping(dropped), new SelfMetrics(store));
    feed();
    expect(await droppedLines(store)).toEqual([
      'groqmeter_dropped_total{reason="ledger_queue_full"} 0',
      'groqmeter_dropped_total{reason="ledger_invalid_span"} 0',
      'groqmeter_dropped_total{reason="ledger_rejected"} 0',
      'groqmeter_dropped_total{reason="ledger_closed"} 0',
    ]);
    dropped.ledger_queue_full = 3;
    feed();
    dropped.ledger_queue_full = 5;
    dropped.ledger_rejected = 1;
    feed();
    feed();
    expect(await droppedLines(store)).toEqual([
      'groqmeter_dropped_total{reason="ledger_queue_full"} 5',
      'groqmeter_dropped_total{reason="ledger_invalid_span"} 0',
      'groqmeter_dropped_total{reason="ledger_rejected"} 1',
      'groqmeter_dropped_total{reason="ledger_closed"} 0',
    ]);
  });
});
