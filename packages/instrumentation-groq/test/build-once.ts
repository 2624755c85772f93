import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const packageRoot = join(import.meta.dirname, '..');

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtTime(): number {
  try {
    return Math.min(
      ...['register.js', 'register.cjs', 'index.js', 'index.cjs'].map(
        (file) => statSync(join(packageRoot, 'dist', file)).mtimeMs,
      ),
    );
  } catch {
    return 0;
  }
}

/**
 * The child-process tests load the package the way users do, through its `dist/` exports: build it
 * first when it is missing or older than `src/` (on a fresh checkout, or after an edit).
 */
export default function buildOnce(): void {
  if (builtTime() >= newestSourceTime(join(packageRoot, 'src'))) return;
  const tsupRoot = dirname(createRequire(import.meta.url).resolve('tsup/package.json'));
  execFileSync(process.execPath, [join(tsupRoot, 'dist', 'cli-default.js')], {
    cwd: packageRoot,
    stdio: 'inherit',
  });
}
