import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the `prometheus` binary. */
    prometheusBinary: string;
  }
}

const ENSURE_PROMETHEUS = fileURLToPath(new URL('../../scripts/ensure-prometheus.sh', import.meta.url));

/** Installs Prometheus when missing (scripts/ensure-prometheus.sh) and hands its path to the suite. */
export default function setup(project: TestProject): void {
  const output = execFileSync('sh', [ENSURE_PROMETHEUS], { encoding: 'utf8', timeout: 300_000 });
  const prometheusBinary = output.trim().split('\n')[0];
  if (!prometheusBinary) {
    throw new Error(
      `scripts/ensure-prometheus.sh printed ${JSON.stringify(output)}; expected the prometheus and promtool paths`,
    );
  }
  project.provide('prometheusBinary', prometheusBinary);
}
