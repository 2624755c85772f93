import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the `promtool` binary. */
    promtoolBinary: string;
  }
}

const ENSURE_PROMETHEUS = fileURLToPath(new URL('../../scripts/ensure-prometheus.sh', import.meta.url));

/** Installs Prometheus and promtool when missing (scripts/ensure-prometheus.sh) and hands promtool's path to the tests. */
export default function setup(project: TestProject): void {
  const output = execFileSync('sh', [ENSURE_PROMETHEUS], { encoding: 'utf8', timeout: 300_000 });
  const promtoolBinary = output.trim().split('\n')[1];
  if (!promtoolBinary) {
    throw new Error(
      `scripts/ensure-prometheus.sh printed ${JSON.stringify(output)}; expected the prometheus and promtool paths`,
    );
  }
  project.provide('promtoolBinary', promtoolBinary);
}
