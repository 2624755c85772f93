import { describe, expect, it } from 'vitest';
import { formatProgressLine, ProgressDisplay, type ProgressSnapshot } from './progress-line.js';

const snapshot: ProgressSnapshot = {
  elapsedSeconds: 12.7,
  sentBySdk: { 'groq-sdk': 14, langchain: 9, 'ai-sdk': 11 },
  failed: 2,
  spendUsd: 0.0012345,
  lowestHeadroom: {
    model: 'qwen/qwen3.6-27b',
    resource: 'tokens',
    remaining: 750,
    limit: 6000,
    ratio: 0.125,
  },
};

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, output: { isTTY, write: (text: string) => writes.push(text) } };
}

describe('formatProgressLine', () => {
  it('shows elapsed time, requests by SDK, failures, spend and the lowest headroom', () => {
    expect(formatProgressLine(snapshot)).toBe(
      '[  12s] sent groq-sdk 14, langchain 9, ai-sdk 11 (2 failed) | spend $0.001234 | lowest headroom qwen/qwen3.6-27b tokens 12.5%',
    );
  });

  it('says n/a before the first scrape', () => {
    expect(formatProgressLine({ elapsedSeconds: 0, sentBySdk: {}, failed: 0 })).toBe(
      '[   0s] sent none yet (0 failed) | spend n/a | lowest headroom n/a',
    );
  });
});

describe('ProgressDisplay', () => {
  it('redraws one line in place on a terminal and keeps it below logged messages', () => {
    const { writes, output } = recorder(true);
    const display = new ProgressDisplay(output);
    display.update({ ...snapshot, elapsedSeconds: 1 });
    display.update(snapshot);
    display.log('Prometheus is ready');
    display.finish();
    const line = formatProgressLine(snapshot);
    expect(writes).toEqual([
      `\r\u001b[2K${formatProgressLine({ ...snapshot, elapsedSeconds: 1 })}`,
      `\r\u001b[2K${line}`,
      `\r\u001b[2KPrometheus is ready\n${line}`,
      '\n',
    ]);
  });

  it('cuts the status line to the terminal width, so that redrawing it never wraps', () => {
    const { writes, output } = recorder(true);
    new ProgressDisplay({ ...output, columns: 40 }).update(snapshot);
    expect(writes).toEqual(['\r\u001b[2K[  12s] sent groq-sdk 14, langchain 9,…']);
  });

  it('prints plain lines at most once per interval when not a terminal', () => {
    const { writes, output } = recorder(false);
    let now = 0;
    const display = new ProgressDisplay(output, 5000, () => now);
    display.update({ ...snapshot, elapsedSeconds: 0 });
    now = 2000;
    display.update({ ...snapshot, elapsedSeconds: 2 });
    now = 5000;
    display.update({ ...snapshot, elapsedSeconds: 5 });
    display.log('stopping');
    display.finish();
    expect(writes).toEqual([
      `${formatProgressLine({ ...snapshot, elapsedSeconds: 0 })}\n`,
      `${formatProgressLine({ ...snapshot, elapsedSeconds: 5 })}\n`,
      'stopping\n',
    ]);
  });
});
