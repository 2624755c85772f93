import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time of the files under `dir`, in ms. */
function newestChange(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

/** Builds dist/ with tsup when it is missing or older than src/ (vitest global setup). */
export default function buildDemo(): void {
  const cli = join(packageDir, 'dist', 'cli.js');
  if (existsSync(cli) && statSync(cli).mtimeMs >= newestChange(join(packageDir, 'src'))) return;
  const tsupPackage = createRequire(join(packageDir, 'package.json')).resolve('tsup/package.json');
  try {
    execFileSync(process.execPath, [join(dirname(tsupPackage), 'dist', 'cli-default.js')], {
      cwd: packageDir,
      stdio: 'pipe',
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`building apps/demo for its tests failed:\n${stdout}${stderr}`);
  }
}
