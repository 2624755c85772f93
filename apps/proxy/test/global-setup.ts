import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildPackageIfStale } from '@groqmeter/recorder/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of `python3` (installed from Debian when missing). */
    python3: string;
  }
}

const ENSURE_DEBIAN_PACKAGE = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'scripts',
  'ensure-debian-package.sh',
);

/** Builds the proxy's dist/ when stale (the CLI tests run the bin) and makes sure python3 is there. */
export default function setup(project: TestProject): void {
  buildPackageIfStale(join(import.meta.dirname, '..'));
  const python3 = execFileSync('sh', [ENSURE_DEBIAN_PACKAGE, 'python3', 'python3'], {
    encoding: 'utf8',
    timeout: 300_000,
  }).trim();
  if (python3 === '') throw new Error('scripts/ensure-debian-package.sh printed no path for python3');
  project.provide('python3', python3);
}
