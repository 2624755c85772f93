#!/usr/bin/env node
// Writes an npm tarball of every public workspace package into one folder, so that an app can
// install groqmeter before (or without) anything being published:
//   node scripts/pack-all.mjs [--out DIR] [--skip-build]
// `pnpm pack` rewrites `workspace:*` dependencies to the packed versions, so the tarballs install
// together with npm. It prints one tarball path a line; `pnpm pack:all` builds first through turbo.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');

/** The workspace packages that are not private: name and directory, as pnpm lists them. */
export function publicPackages() {
  const listed = JSON.parse(
    execFileSync('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], { cwd: ROOT, encoding: 'utf8' }),
  );
  return listed
    .filter((project) => project.private !== true && project.name)
    .map((project) => ({ name: project.name, dir: project.path }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Packs every public package into `outDir` (emptied of old tarballs first); returns the tarball paths. */
export function packAll(outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const file of readdirSync(outDir)) if (file.endsWith('.tgz')) rmSync(join(outDir, file));
  for (const { dir } of publicPackages()) {
    execFileSync('pnpm', ['pack', '--pack-destination', outDir], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  return readdirSync(outDir)
    .filter((file) => file.endsWith('.tgz'))
    .sort()
    .map((file) => join(outDir, file));
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: join(ROOT, 'tarballs') }, 'skip-build': { type: 'boolean' } },
  });
  if (!values['skip-build']) {
    const filters = publicPackages().map(({ name }) => `--filter=${name}`);
    execFileSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...filters], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  for (const tarball of packAll(resolve(values.out))) console.log(tarball);
}
