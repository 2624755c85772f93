import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildPackageIfStale } from '@groqmeter/recorder/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of `python3` (installed from Debian when missing). */
    python3: string;
    /** Absolute path of `curl` (installed from Debian when missing). */
    curl: string;
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

/** The path of a Debian package's binary, installed when missing (a fresh CI machine has neither). */
function ensureBinary(debianPackage: string, binary: string): string {
  const path = execFileSync('sh', [ENSURE_DEBIAN_PACKAGE, debianPackage, binary], {
    encoding: 'utf8',
    timeout: 300_000,
  }).trim();
  if (path === '') throw new Error(`scripts/ensure-debian-package.sh printed no path for ${binary}`);
  return path;
}

/** Builds the proxy's dist/ when stale (the CLI tests run the bin) and makes sure python3 and curl are there. */
export default function setup(project: TestProject): void {
  buildPackageIfStale(join(import.meta.dirname, '..'));
  project.provide('python3', ensureBinary('python3', 'python3'));
  project.provide('curl', ensureBinary('curl', 'curl'));
}
