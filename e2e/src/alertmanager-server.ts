import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild } from './prometheus-server.js';

/** Options of {@link startAlertmanager}. */
export interface AlertmanagerOptions {
  /** The `prometheus-alertmanager` binary (Debian's `prometheus-alertmanager` package). */
  binary: string;
  /** The configuration (`alertmanager.yml`), as an object: written as JSON, which Alertmanager reads as YAML. */
  config: object;
}

/** An Alertmanager started for a test. */
export interface RunningAlertmanager {
  /** `host:port`, as Prometheus's `alerting.alertmanagers` wants it. */
  target: string;
  url: string;
  /** Stops the process and removes its storage. */
  stop(): Promise<void>;
}

/**
 * Starts Alertmanager on 127.0.0.1 without clustering, with a throw-away storage directory, and
 * waits (at most 30 s) until it is ready.
 */
export async function startAlertmanager(options: AlertmanagerOptions): Promise<RunningAlertmanager> {
  const workDir = await mkdtemp(join(tmpdir(), 'groqmeter-e2e-alertmanager-'));
  const configFile = join(workDir, 'alertmanager.yml');
  await writeFile(configFile, JSON.stringify(options.config));
  const port = await freePort();
  const target = `127.0.0.1:${port}`;
  const url = `http://${target}`;
  const child = spawn(
    options.binary,
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(workDir, 'data')}`,
      `--web.listen-address=${target}`,
      // An empty address turns the gossip cluster off: one instance, no port 9094 to collide on.
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const log: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => log.push(chunk));
  const stop = async () => {
    await stopChild(child);
    await rm(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Alertmanager exited with ${child.exitCode}: ${log.join('').slice(-2000)}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { target, url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Alertmanager was not ready after 30 s: ${log.join('').slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
