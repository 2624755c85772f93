import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** A public workspace package: its name and directory. */
export interface WorkspacePackage {
  name: string;
  dir: string;
}

interface Project {
  name?: string;
  path: string;
  private?: boolean;
}

let projects: Project[] | undefined;
/** Every workspace project, as pnpm lists them (listed once). */
function workspaceProjects(): Project[] {
  projects ??= JSON.parse(
    execFileSync('pnpm', ['ls', '--recursive', '--depth', '-1', '--json'], { cwd: ROOT, encoding: 'utf8' }),
  ) as Project[];
  return projects;
}

/** The workspace packages that are not private, by name. */
export function publicPackages(): WorkspacePackage[] {
  return workspaceProjects()
    .filter((project) => project.private !== true && project.name !== undefined)
    .map((project) => ({ name: project.name as string, dir: project.path }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The environment of a user's shell: npm would read pnpm's `npm_config_*` settings of the test run,
 * and a fresh app gets none of them.
 */
export const USER_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      // NODE_PATH: pnpm points it at the workspace's hoisted packages, which a user's app has not.
      ([name]) => !name.toLowerCase().startsWith('npm_') && name !== 'NODE_PATH',
    ),
  ),
  // Without the workspace's node_modules/.bin that pnpm puts first: npx must find the app's bins.
  PATH: (process.env.PATH ?? '')
    .split(':')
    .filter((entry) => !entry.includes('node_modules/.bin') && !entry.includes('node-gyp-bin'))
    .join(':'),
};

/** Runs a command without blocking the test worker (npm may build a native module for minutes). */
export async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = USER_ENV) {
  return promisify(execFile)(command, args, { cwd, env, encoding: 'utf8', timeout: 540_000 });
}

/** `pnpm pack:all`'s script, the way the README tells users to run it; returns the tarball paths. */
export async function packAll(outDir: string): Promise<string[]> {
  const { stdout } = await run(
    'node',
    [join(ROOT, 'scripts/pack-all.mjs'), '--out', outDir, '--skip-build'],
    ROOT,
  );
  return stdout.trim().split('\n');
}

/**
 * The version this repository pins `name` at (an exact version in some workspace package.json),
 * so that a fresh app gets what the tests here run against.
 */
export function pinnedVersion(name: string): string {
  for (const { path } of workspaceProjects()) {
    const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    for (const field of ['dependencies', 'devDependencies'] as const) {
      const version = manifest[field]?.[name];
      if (version !== undefined && /^\d+\.\d+\.\d+$/.test(version)) return version;
    }
  }
  throw new Error(`no workspace package pins ${name} at an exact version`);
}
