import { spawnSync } from 'node:child_process';

/** Lints an exposition with `promtool check metrics`; returns its exit code and every line it printed. */
export function promtoolCheckMetrics(
  promtool: string,
  exposition: string,
): { status: number; problems: string[] } {
  const result = spawnSync(promtool, ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  const problems = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
  return { status: result.status ?? -1, problems };
}
