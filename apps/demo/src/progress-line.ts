import { formatPercent, formatUsd } from './format-summary.js';
import type { Headroom } from './metrics-summary.js';

/** What the live progress line shows. */
export interface ProgressSnapshot {
  elapsedSeconds: number;
  /** Requests each SDK's workload has sent so far (answered or not), by SDK. */
  sentBySdk: Record<string, number>;
  /** Requests that failed (429s included), over all SDKs. */
  failed: number;
  /** Spend the exporter has received so far; undefined until the first scrape succeeds. */
  spendUsd?: number;
  lowestHeadroom?: Headroom;
}

/** One line: elapsed time, requests by SDK, failures, spend so far and the lowest headroom. */
export function formatProgressLine(snapshot: ProgressSnapshot): string {
  const sent = Object.entries(snapshot.sentBySdk)
    .map(([sdk, count]) => `${sdk} ${count}`)
    .join(', ');
  const headroom = snapshot.lowestHeadroom
    ? `${snapshot.lowestHeadroom.model} ${snapshot.lowestHeadroom.resource} ${formatPercent(snapshot.lowestHeadroom.ratio)}`
    : 'n/a';
  return [
    `[${Math.floor(snapshot.elapsedSeconds).toString().padStart(4)}s]`,
    `sent ${sent || 'none yet'} (${snapshot.failed} failed)`,
    `| spend ${snapshot.spendUsd === undefined ? 'n/a' : formatUsd(snapshot.spendUsd)}`,
    `| lowest headroom ${headroom}`,
  ].join(' ');
}

/** Where progress goes: a terminal gets one redrawn line, anything else periodic plain lines. */
export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width: a longer status line would wrap and break the redraw, so it is cut. */
  columns?: number;
}

/**
 * Shows progress without flooding logs: on a TTY one status line redrawn in place; elsewhere (CI,
 * pipes) a plain line at most every `plainEveryMs`. Messages from {@link ProgressDisplay.log} go
 * above the status line.
 */
export class ProgressDisplay {
  private lastLine = '';
  private lastPlainAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly output: ProgressOutput,
    private readonly plainEveryMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Shows a new snapshot. */
  update(snapshot: ProgressSnapshot): void {
    const line = formatProgressLine(snapshot);
    const width = this.output.isTTY ? this.output.columns : undefined;
    this.lastLine =
      width !== undefined && line.length >= width ? `${line.slice(0, Math.max(0, width - 2))}…` : line;
    if (this.output.isTTY) {
      this.output.write(`\r\u001b[2K${this.lastLine}`);
    } else if (this.now() - this.lastPlainAt >= this.plainEveryMs) {
      this.lastPlainAt = this.now();
      this.output.write(`${this.lastLine}\n`);
    }
  }

  /** Prints a message on its own line, keeping the status line below it on a TTY. */
  log(message: string): void {
    if (this.output.isTTY && this.lastLine !== '') {
      this.output.write(`\r\u001b[2K${message}\n${this.lastLine}`);
    } else {
      this.output.write(`${message}\n`);
    }
  }

  /** Ends the status line so that what follows starts on a fresh line. */
  finish(): void {
    if (this.output.isTTY && this.lastLine !== '') this.output.write('\n');
    this.lastLine = '';
  }
}
