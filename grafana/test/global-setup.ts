import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the `promtool` binary. */
    promtoolBinary: string;
    /** Absolute path of the `amtool` binary (Debian's `prometheus-alertmanager` package). */
    amtoolBinary: string;
  }
}

const ENSURE_PROMETHEUS = fileURLToPath(new URL('../../scripts/ensure-prometheus.sh', import.meta.url));
const ENSURE_PACKAGE = fileURLToPath(new URL('../../scripts/ensure-debian-package.sh', import.meta.url));

/**
 * Installs Prometheus (promtool) and Alertmanager (amtool) when missing and hands the tools' paths
 * to the tests.
 */
export default function setup(project: TestProject): void {
  const output = execFileSync('sh', [ENSURE_PROMETHEUS], { encoding: 'utf8', timeout: 300_000 });
  const promtoolBinary = output.trim().split('\n')[1];
  if (!promtoolBinary) {
    throw new Error(
      `scripts/ensure-prometheus.sh printed ${JSON.stringify(output)}; expected the prometheus and promtool paths`,
    );
  }
  project.provide('promtoolBinary', promtoolBinary);
  const amtoolBinary = execFileSync('sh', [ENSURE_PACKAGE, 'prometheus-alertmanager', 'amtool'], {
    encoding: 'utf8',
    timeout: 300_000,
  }).trim();
  project.provide('amtoolBinary', amtoolBinary);
}
