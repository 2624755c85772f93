/**
 * The exporter's container, checked without a Docker engine: the compose file's services, build
 * targets and mounts against the repository, the Dockerfile's stages, and the Dockerfile's prune,
 * install, build and deploy steps replayed outside Docker on this repository's source.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startUntil } from './packed-app.js';
import { ROOT, run, USER_ENV } from './workspace.js';

const DOCKERFILE = join(ROOT, 'apps/exporter/Dockerfile');
const COMPOSE_DIR = join(ROOT, 'grafana');

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

/** The stages of a Dockerfile: continuation lines joined, comments left out. */
function stagesOf(dockerfile: string): Stage[] {
  const stages: Stage[] = [];
  const lines = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  for (const line of lines) {
    const [, keyword = '', args = ''] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (keyword === 'FROM') {
      const [, from = '', name = ''] = /^(\S+)\s+AS\s+(\S+)$/i.exec(args) ?? [];
      stages.push({ name, from, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return stages;
}

const stages = stagesOf(readFileSync(DOCKERFILE, 'utf8'));
const stage = (name: string) => stages.find((candidate) => candidate.name === name) as Stage;
const compose = parse(readFileSync(join(COMPOSE_DIR, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    { build?: { context: string; dockerfile: string; target: string }; volumes?: string[]; image?: string }
  >;
};

describe('grafana/docker-compose.yml', () => {
  it('runs the exporter, the simulator, Prometheus and Grafana', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['exporter', 'grafana', 'prometheus', 'simulator']);
  });

  it('builds the exporter and the simulator from this repository with the Dockerfile’s stages', () => {
    for (const service of ['exporter', 'simulator']) {
      const build = compose.services[service]?.build;
      expect(resolve(COMPOSE_DIR, build?.context ?? '')).toBe(ROOT);
      expect(resolve(ROOT, build?.dockerfile ?? '')).toBe(DOCKERFILE);
      expect(stage(build?.target ?? '')).toBeDefined();
    }
  });

  it('mounts files that exist: the Prometheus config with its alert rules, the datasource, the dashboards', () => {
    const mounts = Object.values(compose.services).flatMap((service) => service.volumes ?? []);
    const binds = mounts.filter((mount) => mount.startsWith('./')).map((mount) => mount.split(':'));
    expect(binds.filter(([source]) => !existsSync(join(COMPOSE_DIR, source as string)))).toEqual([]);
    const prometheusDir = binds.find(([, target]) => target === '/etc/prometheus')?.[0] as string;
    const config = parse(readFileSync(join(COMPOSE_DIR, prometheusDir, 'prometheus.yml'), 'utf8')) as {
      rule_files: string[];
    };
    expect(config.rule_files).toEqual(['rules/groqmeter.rules.yml']);
    expect(existsSync(join(COMPOSE_DIR, prometheusDir, config.rule_files[0] as string))).toBe(true);
    const dashboards = binds.find(
      ([, target]) => target === '/var/lib/grafana/dashboards/groqmeter',
    )?.[0] as string;
    expect(readdirSync(join(COMPOSE_DIR, dashboards)).filter((file) => file.endsWith('.json')).length).toBe(
      readdirSync(join(COMPOSE_DIR, 'dashboards')).filter((file) => file.endsWith('.json')).length,
    );
  });
});

describe('apps/exporter/Dockerfile', () => {
  it('prunes the workspace to the exporter with turbo prune --docker', () => {
    expect(stage('prune').instructions).toContainEqual({
      keyword: 'RUN',
      args: 'turbo prune @groqmeter/exporter --docker',
    });
  });

  it.each([
    ['exporter', 'apps/exporter'],
    ['simulator', 'packages/groq-simulator'],
  ])(
    'the %s image runs its bin as the non-root node user, from the build stage’s deployment',
    (name, dir) => {
      const { from, instructions } = stage(name);
      expect(from).toMatch(/^node:20-[\w-]*slim$/);
      expect(instructions.filter(({ keyword }) => keyword === 'USER')).toEqual([
        { keyword: 'USER', args: 'node' },
      ]);
      expect(instructions.find(({ keyword }) => keyword === 'COPY')?.args).toBe(
        `--from=build /deploy/${name} ./`,
      );
      const [, bin = ''] =
        /^\["node", "([^"]+)"/.exec(
          instructions.find(({ keyword }) => keyword === 'ENTRYPOINT')?.args ?? '',
        ) ?? [];
      expect(existsSync(join(ROOT, dir, bin))).toBe(true);
    },
  );

  it('keeps local installs and builds out of the build context', () => {
    const ignored = readFileSync(`${DOCKERFILE}.dockerignore`, 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});

describe('the Dockerfile’s build steps, replayed outside Docker', () => {
  const work = mkdtempSync(join(tmpdir(), 'groqmeter-image-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Where the image's /deploy lives here. */
  const deployDir = join(work, 'deploy');
  /**
   * A Docker build's environment: PATH and HOME only. Nothing of this test run leaks in (the outer
   * turbo's TURBO_* variables, vitest's NODE_ENV and VITEST_*, CI settings), as none reaches a build.
   */
  const env: NodeJS.ProcessEnv = {
    PATH: `${join(ROOT, 'node_modules/.bin')}:${USER_ENV.PATH}`,
    HOME: process.env.HOME,
  };

  /** Runs one RUN step; a failure carries the step's own output, which names what broke. */
  async function runStep(command: string, dir: string): Promise<void> {
    try {
      await run('sh', ['-c', command], dir, env);
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-80).join('\n');
      throw new Error(`RUN ${command} failed in ${dir}:\n${tail}`, { cause: error });
    }
  }

  function local(path: string, stageDir: string): string {
    if (path.startsWith('/deploy')) return path.replace('/deploy', deployDir);
    return path.startsWith('/repo') ? join(stageDir, path.slice('/repo'.length)) : join(stageDir, path);
  }

  /**
   * Runs one stage's COPY and RUN instructions in `dir`; `from` maps `--from=STAGE` to its
   * directory. Asynchronous, so that the test worker keeps answering vitest during a long build.
   */
  async function replay(name: string, dir: string, from: Record<string, string>): Promise<void> {
    mkdirSync(dir, { recursive: true });
    for (const { keyword, args } of stage(name).instructions) {
      if (keyword === 'COPY') {
        const [, sourceStage, source = '', target = ''] = /^(?:--from=(\w+) )?(\S+) (\S+)$/.exec(args) ?? [];
        if (sourceStage !== undefined) {
          cpSync(local(source, from[sourceStage] as string), local(target, dir), { recursive: true });
        } else if (source === '.') {
          // The build context as Docker gets it: the tracked files (the ignored ones are untracked).
          const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
            .split('\0')
            .filter((file) => file !== '' && existsSync(join(ROOT, file)));
          for (const file of files) cpSync(join(ROOT, file), join(dir, file));
        } else {
          const into = target.endsWith('/') ? join(local(target, dir), basename(source)) : local(target, dir);
          cpSync(join(ROOT, source), into, { recursive: true });
        }
      } else if (keyword === 'RUN') {
        await runStep(args.replaceAll('/deploy/', `${deployDir}/`), dir);
      }
    }
  }

  it('prunes, installs from the pruned lockfile, builds, deploys, and the deployed exporter serves /healthz', async () => {
    const prune = join(work, 'prune');
    const build = join(work, 'build');
    await replay('prune', prune, {});
    expect(readdirSync(join(prune, 'out/json/packages')).sort()).not.toContain('cli');
    await replay('build', build, { prune });
    const exporterDir = join(deployDir, 'exporter');
    expect(existsSync(join(exporterDir, 'node_modules/@groqmeter/ledger'))).toBe(false);
    const exporter = await startUntil(
      process.execPath,
      ['bin/groqmeter-exporter.js', '--otlp-port', '0', '--metrics-port', '0'],
      exporterDir,
      /"msg":"groqmeter exporter listening"/,
      { ...USER_ENV, NODE_ENV: 'production' },
    );
    try {
      const { metricsUrl } = JSON.parse(exporter.output().split('\n')[0] as string) as { metricsUrl: string };
      expect((await fetch(new URL('/healthz', metricsUrl))).status).toBe(200);
    } finally {
      await exporter.stop();
    }
  }, 600_000);
});
