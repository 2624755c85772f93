import { execFile } from 'node:child_process';
import { access, constants, mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';

const ENSURE_PACKAGE = fileURLToPath(
  new URL('../../../../scripts/ensure-debian-package.sh', import.meta.url),
);
/** Held while one test file installs Chromium: two apt-get runs at once fight over dpkg's lock. */
const INSTALL_LOCK = join(tmpdir(), 'groqmeter-chromium-install.lock');
const INSTALL_TIMEOUT_MS = 600_000;

/**
 * Debian's Chromium, installed with apt when missing (scripts/ensure-debian-package.sh), launched
 * headless by playwright-core from its own path: no browser is ever downloaded.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = await ensureChromium();
  // As root (CI) Chromium refuses its sandbox; the pages under test are our own.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

async function ensureChromium(): Promise<string> {
  const installed = await onPath('chromium');
  if (installed !== undefined) return installed;
  const deadline = Date.now() + INSTALL_TIMEOUT_MS;
  for (;;) {
    try {
      await mkdir(INSTALL_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) throw error;
      // A lock older than an install can take was left by a killed run.
      const age = Date.now() - (await stat(INSTALL_LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > INSTALL_TIMEOUT_MS) await rm(INSTALL_LOCK, { recursive: true, force: true });
      else await sleep(500);
    }
  }
  try {
    // Asynchronous, so that the test worker keeps answering vitest while apt installs.
    const { stdout } = await promisify(execFile)('sh', [ENSURE_PACKAGE, 'chromium', 'chromium'], {
      encoding: 'utf8',
      timeout: INSTALL_TIMEOUT_MS,
    });
    const path = stdout.trim().split('\n')[0];
    if (!path) throw new Error(`ensure-debian-package.sh printed ${JSON.stringify(stdout)}`);
    return path;
  } finally {
    await rm(INSTALL_LOCK, { recursive: true, force: true });
  }
}

/** The executable `name` on the PATH, if there is one. */
async function onPath(name: string): Promise<string | undefined> {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(directory, name);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return undefined;
}
