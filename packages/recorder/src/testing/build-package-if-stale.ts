import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Modification times (ms) of every file under `directory`; none when it does not exist. */
function fileTimes(directory: string): number[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs);
}

/**
 * Builds the package at `packageDir` with its own tsup when `dist/` is missing, empty, or holds a
 * file older than the newest file under `src/`. Meant for a vitest `globalSetup`, so tests that run
 * the package the way users do (its `dist/` exports or bin) never run a stale build.
 *
 * @param packageDir - the package's root folder, the one holding `package.json`, `src/` and `tsup.config.ts`.
 * @returns `true` when it built, `false` when `dist/` was already up to date.
 * @throws Error with tsup's output when the build fails.
 */
export function buildPackageIfStale(packageDir: string): boolean {
  const built = fileTimes(join(packageDir, 'dist'));
  const newestSource = Math.max(0, ...fileTimes(join(packageDir, 'src')));
  if (built.length > 0 && Math.min(...built) >= newestSource) return false;
  const tsupRoot = dirname(createRequire(join(packageDir, 'package.json')).resolve('tsup/package.json'));
  try {
    execFileSync(process.execPath, [join(tsupRoot, 'dist', 'cli-default.js')], {
      cwd: packageDir,
      stdio: 'pipe',
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `building ${packageDir} for its tests failed (tsup exited with an error); fix the build, then run the tests again:\n${stdout}${stderr}`,
    );
  }
  return true;
}
