import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

const ENSURE_PACKAGE = fileURLToPath(
  new URL('../../../../scripts/ensure-debian-package.sh', import.meta.url),
);

/**
 * Debian's Chromium, installed with apt when missing (scripts/ensure-debian-package.sh), launched
 * headless by playwright-core from its own path: no browser is ever downloaded.
 */
export async function launchChromium(): Promise<Browser> {
  const output = execFileSync('sh', [ENSURE_PACKAGE, 'chromium', 'chromium'], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const executablePath = output.trim().split('\n')[0];
  if (!executablePath) throw new Error(`ensure-debian-package.sh printed ${JSON.stringify(output)}`);
  // As root (CI) Chromium refuses its sandbox; the pages under test are our own.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}
