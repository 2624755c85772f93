import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Tool } from './tools.js';

/** An installed tool: its package's version and the absolute path of its bin script. */
export interface InstalledTool {
  version: string;
  binPath: string;
}

/**
 * Finds the package of `tool`: next to `groqmeter` itself (its dependencies, or a package installed
 * beside it), else in the app of the current directory (`npm install @groqmeter/proxy` there).
 * `undefined` when it is installed in neither place.
 */
export function locateTool(tool: Tool, cwd: string = process.cwd()): InstalledTool | undefined {
  const lookups = [createRequire(import.meta.url), createRequire(join(resolve(cwd), 'package.json'))];
  for (const lookup of lookups) {
    let manifestPath: string;
    try {
      manifestPath = lookup.resolve(`${tool.packageName}/package.json`);
    } catch {
      continue;
    }
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      version: string;
      bin?: string | Record<string, string>;
    };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[tool.bin];
    if (bin === undefined) continue;
    return { version: manifest.version, binPath: join(dirname(manifestPath), bin) };
  }
  return undefined;
}
