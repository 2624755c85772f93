/** `performance.timeOrigin` is fixed for the life of the process: read once, not per token. */
const TIME_ORIGIN = performance.timeOrigin;

/** Milliseconds since epoch on the monotonic performance clock, the recorder's own clock. */
export function now(): number {
  return TIME_ORIGIN + performance.now();
}
