import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';

/** Where the repo keeps its Prometheus configuration, most specific first. */
const CONFIG_CANDIDATES = [
  'grafana/prometheus/prometheus.yml',
  'grafana/prometheus.yml',
  'prometheus/prometheus.yml',
  'grafana/provisioning/prometheus/prometheus.yml',
];

/** The exporter address the repo's configuration scrapes. */
const DEFAULT_SCRAPE_TARGET = /\b(?:127\.0\.0\.1|localhost):9464\b/g;

/** The path of an executable on the PATH, like `command -v`. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | undefined {
  return path
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, name))
    .find((candidate) => existsSync(candidate));
}

/** The repo's Prometheus configuration file, if it has one. */
export function findPrometheusConfig(repoRoot: string): string | undefined {
  return CONFIG_CANDIDATES.map((candidate) => join(repoRoot, candidate)).find((candidate) =>
    existsSync(candidate),
  );
}

/**
 * The repo's Prometheus configuration adapted to this run: the exporter target moved to the port
 * in use, and relative `rule_files` made absolute (the adapted copy lives in a temp directory).
 */
export function adaptPrometheusConfig(text: string, configDir: string, metricsPort: number): string {
  let inRuleFiles = false;
  return text
    .replace(DEFAULT_SCRAPE_TARGET, `127.0.0.1:${metricsPort}`)
    .split('\n')
    .map((line) => {
      if (/^\S/.test(line)) inRuleFiles = /^rule_files\s*:/.test(line);
      const item = inRuleFiles ? /^(\s*-\s*)(['"]?)([^'"#\s]+)\2(\s*(?:#.*)?)$/.exec(line) : null;
      if (!item || isAbsolute(item[3] ?? '')) return line;
      return `${item[1]}${item[2]}${resolve(configDir, item[3] ?? '')}${item[2]}${item[4]}`;
    })
    .join('\n');
}

/** A Prometheus server the demo started. */
export interface RunningPrometheus {
  url: string;
  /** Stops the server and removes its temporary storage. */
  close(): Promise<void>;
  /** Kills the server at once (SIGKILL), leaving its storage behind. */
  kill(): void;
}

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  binary: string;
  configPath: string;
  port: number;
  /** The exporter's `/metrics` port, written into the scrape target. */
  metricsPort: number;
  /** Lines Prometheus prints (warnings and errors). */
  onLog: (line: string) => void;
  readyTimeoutMs?: number;
}

/**
 * Starts Prometheus on 127.0.0.1 with the repo's configuration and a throw-away storage
 * directory, and waits until it reports ready.
 *
 * @throws Error with Prometheus's own output when it exits or does not become ready in time.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const workDir = await mkdtemp(join(tmpdir(), 'groqmeter-demo-prometheus-'));
  const configPath = join(workDir, 'prometheus.yml');
  const original = await readFile(options.configPath, 'utf8');
  await writeFile(
    configPath,
    adaptPrometheusConfig(original, dirname(options.configPath), options.metricsPort),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    options.binary,
    [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${join(workDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  let closing = false;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter((text) => text.trim() !== '')) {
        output.push(line);
        // Prometheus logs its own shutdown at warn level; that one is expected, not news.
        if (!closing) options.onLog(line);
      }
    });
  }
  const close = async () => {
    closing = true;
    await stopChild(child);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`${url}/-/ready`, child, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await close();
    throw new Error(
      `Prometheus (${options.binary}) did not start with ${options.configPath}: ${(error as Error).message}. ` +
        `Its output: ${output.slice(-5).join(' | ') || '(none)'}. Run with --no-prometheus to skip it.`,
    );
  }
  return { url, close, kill: () => child.kill('SIGKILL') };
}

async function waitUntilReady(readyUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`it exited with ${child.exitCode ?? child.signalCode}`);
    }
    const ready = await fetch(readyUrl).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`it was not ready after ${timeoutMs / 1000} s`);
}

/** SIGTERM, then SIGKILL if the process has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
