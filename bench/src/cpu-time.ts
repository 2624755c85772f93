/** Microseconds of CPU (user + system) of this process: robust to other work on a shared machine. */
export function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}
