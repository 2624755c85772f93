import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Peak resident set size of this process. On Linux the kernel keeps the high-water mark
 * (`VmHWM`) and lets a process reset it (`echo 5 > /proc/self/clear_refs`), so the peak of one
 * phase can be measured exactly. Elsewhere only the peak since start is known.
 */
export interface PeakRss {
  bytes: number;
  /** `phase` when the peak was reset at the start of the phase, `process` when it is the peak since start. */
  since: 'phase' | 'process';
}

let resetWorked = false;

/** Starts a new phase: the next {@link peakRss} covers only what happens from now on. */
export function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    resetWorked = true;
  } catch {
    resetWorked = false;
  }
}

export function peakRss(): PeakRss {
  if (resetWorked) {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return { bytes: Number(match[1]) * 1024, since: 'phase' };
  }
  return { bytes: process.resourceUsage().maxRSS * 1024, since: 'process' };
}
