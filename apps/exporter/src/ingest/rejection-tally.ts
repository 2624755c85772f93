import type { DropReason } from '../contract-names.js';

/** Counts of points not kept, by reason, with one example per reason for the sender. */
export class RejectionTally {
  private readonly counts = new Map<DropReason, number>();
  private readonly examples = new Map<DropReason, string>();

  add(reason: DropReason, count: number, example: string): void {
    if (count <= 0) return;
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
    if (!this.examples.has(reason)) this.examples.set(reason, example);
  }

  /** Points rejected in total. */
  total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  entries(): [DropReason, number][] {
    return [...this.counts];
  }

  /** A one-line summary for `partial_success.error_message`. */
  message(): string {
    const parts = [...this.counts].map(
      ([reason, count]) => `${count} ${reason} (${this.examples.get(reason)})`,
    );
    return `${this.total()} data points rejected: ${parts.join('; ')}`;
  }
}
