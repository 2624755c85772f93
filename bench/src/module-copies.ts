import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

const requireFromBench = createRequire(import.meta.url);

/** The folder of an installed package (found from its entry point: not every package exports `./package.json`). */
function packageDirOf(name: string): string {
  let dir = dirname(requireFromBench.resolve(name));
  while (dirname(dir) !== dir) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === name)
        return dir;
    } catch {
      // No package.json at this level: keep walking up.
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the folder of package ${name}; is it installed in bench/node_modules?`);
}

/** Drops every cached file of a package, so that the next `require` loads a fresh copy. */
function forgetPackage(name: string): void {
  const packageDir = packageDirOf(name) + sep;
  for (const file of Object.keys(requireFromBench.cache)) {
    if (file.startsWith(packageDir)) delete requireFromBench.cache[file];
  }
}

/**
 * Two copies of a CommonJS package in one process: `bare`, loaded before any instrumentation
 * was registered, and `patched`, loaded fresh after `instrument()` registered a patching
 * instrumentation (these patch a package when it is required). Patches land on the prototypes of
 * the patched copy only, so a bare baseline can be interleaved with the instrumented SDK in the
 * same process without ever unpatching.
 */
export function loadBareAndPatched<T>(name: string, instrument: () => void): { bare: T; patched: T } {
  const bare = requireFromBench(name) as T;
  forgetPackage(name);
  instrument();
  const patched = requireFromBench(name) as T;
  if (patched === bare) {
    throw new Error(`${name} was not reloaded after instrumenting; the baseline would be patched too.`);
  }
  return { bare, patched };
}

/** `require` from the bench package, for SDKs that must load as CommonJS to be patched. */
export { requireFromBench };
