import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort, stopChild } from '../prometheus.js';

const ENSURE_PACKAGE = fileURLToPath(
  new URL('../../../../scripts/ensure-debian-package.sh', import.meta.url),
);
const EXPORTER_CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** The path of a Debian package's binary, installing the package when it is missing. */
export function ensureBinary(debianPackage: string, binary: string): string {
  return execFileSync('sh', [ENSURE_PACKAGE, debianPackage, binary], {
    encoding: 'utf8',
    timeout: 300_000,
  }).trim();
}

/** A child process with what it printed, for failure messages. */
interface Child {
  process: ChildProcess;
  output: string[];
}

function startChild(binary: string, args: string[]): Child {
  const process = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  process.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  process.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { process, output };
}

async function waitFor(
  what: string,
  child: Child,
  ready: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (child.process.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${what} did not start: ${child.output.join('').slice(-3000)}`);
    }
    await sleep(100);
  }
}

/** One exporter replica: the built CLI in a process of its own, so that it can be killed. */
export interface ExporterReplica {
  name: string;
  otlpAddress: string;
  metricsAddress: string;
  /** SIGKILL: the replica dies with whatever it held. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReplica(name: string): Promise<ExporterReplica> {
  const [otlpPort, metricsPort] = [await freePort(), await freePort()];
  const child = startChild(process.execPath, [
    EXPORTER_CLI,
    '--otlp-port',
    String(otlpPort),
    '--metrics-port',
    String(metricsPort),
    '--log-level',
    'warn',
  ]);
  const metricsAddress = `127.0.0.1:${metricsPort}`;
  await waitFor(`exporter ${name}`, child, async () => (await fetch(`http://${metricsAddress}/readyz`)).ok);
  return {
    name,
    otlpAddress: `127.0.0.1:${otlpPort}`,
    metricsAddress,
    kill: async () => {
      const exited = new Promise((resolve) => child.process.once('exit', resolve));
      child.process.kill('SIGKILL');
      await exited;
    },
    stop: () => stopChild(child.process),
  };
}

/** nginx in front of the replicas: round-robin on one port, routing by app instance on another. */
export interface LoadBalancer {
  roundRobinUrl: string;
  byInstanceUrl: string;
  stop(): Promise<void>;
}

/** The header an app sends its instance id in, for the by-instance route. */
export const INSTANCE_HEADER = 'x-groqmeter-instance';

export async function startNginx(
  binary: string,
  replicas: readonly ExporterReplica[],
): Promise<LoadBalancer> {
  const directory = mkdtempSync(join(tmpdir(), 'groqmeter-nginx-'));
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(directory, temp));
  const [roundRobinPort, byInstancePort] = [await freePort(), await freePort()];
  const servers = replicas
    .map((replica) => `    server ${replica.otlpAddress} max_fails=1 fail_timeout=30s;`)
    .join('\n');
  const config = join(directory, 'nginx.conf');
  writeFileSync(
    config,
    `worker_processes 1;
error_log ${directory}/error.log warn;
pid ${directory}/nginx.pid;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${directory}/body;
  proxy_temp_path ${directory}/proxy;
  fastcgi_temp_path ${directory}/fastcgi;
  uwsgi_temp_path ${directory}/uwsgi;
  scgi_temp_path ${directory}/scgi;
  client_max_body_size 8m;
  upstream round_robin {
${servers}
    keepalive 16;
  }
  upstream by_instance {
    hash $http_${INSTANCE_HEADER.replaceAll('-', '_')} consistent;
${servers}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${roundRobinPort};
    location / {
      proxy_pass http://round_robin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # A replica that refused the connection or answered 503 (stopping, overloaded) stored
      # nothing: the delta push goes to the next one.
      proxy_next_upstream error http_503 non_idempotent;
    }
  }
  server {
    listen 127.0.0.1:${byInstancePort};
    location / {
      proxy_pass http://by_instance;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # A cumulative stream must never move to another replica: that one would count it again.
      proxy_next_upstream off;
    }
  }
}
`,
  );
  const child = startChild(binary, ['-c', config, '-p', directory, '-g', 'daemon off;']);
  const roundRobinUrl = `http://127.0.0.1:${roundRobinPort}/v1/metrics`;
  await waitFor('nginx', child, async () => (await fetch(roundRobinUrl, { method: 'GET' })).status === 405);
  return {
    roundRobinUrl,
    byInstanceUrl: `http://127.0.0.1:${byInstancePort}/v1/metrics`,
    stop: async () => {
      await stopChild(child.process);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A single-node victoria-metrics taking Prometheus remote-write, queried with the Prometheus API. */
export interface VictoriaMetrics {
  remoteWriteUrl: string;
  query(expr: string, time: number): Promise<{ metric: Record<string, string>; value: number }[]>;
  stop(): Promise<void>;
}

export async function startVictoriaMetrics(binary: string): Promise<VictoriaMetrics> {
  const directory = mkdtempSync(join(tmpdir(), 'groqmeter-victoria-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = startChild(binary, [
    `-httpListenAddr=127.0.0.1:${port}`,
    `-storageDataPath=${directory}`,
    // Answer from the latest samples (by default the last 30 s are held back) and cache nothing.
    '-search.latencyOffset=0s',
    '-search.disableCache',
    '-loggerLevel=ERROR',
  ]);
  await waitFor('victoria-metrics', child, async () => (await fetch(`${url}/health`)).ok);
  return {
    remoteWriteUrl: `${url}/api/v1/write`,
    query: async (expr, time) => {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}&time=${time}`);
      const body = (await response.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return body.data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
    },
    stop: async () => {
      await stopChild(child.process);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
