import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the PostgreSQL cluster every test file creates its databases on. */
    postgresUrl: string;
  }
}

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
      ...['cli.js', 'index.js', 'index.cjs'].map((file) => statSync(join(packageRoot, 'dist', file)).mtimeMs),
    );
  } catch {
    return 0;
  }
}

/** The CLI tests run `dist/cli.js` as users do: build the package when dist/ is missing or older than src/. */
function build(): void {
  if (builtTime() >= newestSourceTime(join(packageRoot, 'src'))) return;
  const tsupRoot = dirname(createRequire(import.meta.url).resolve('tsup/package.json'));
  execFileSync(process.execPath, [join(tsupRoot, 'dist', 'cli-default.js')], {
    cwd: packageRoot,
    stdio: 'ignore',
  });
}

/** Starts one throwaway PostgreSQL cluster for the run (installing PostgreSQL when missing) and stops it after. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  build();
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.url);
  return () => server.destroy();
}
