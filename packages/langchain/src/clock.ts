/** Milliseconds since epoch on the monotonic performance clock, the recorder's own clock. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
