import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startReadyProcess } from './ready-process.js';

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
  const stop = await startReadyProcess({
    name: 'Alertmanager',
    binary: options.binary,
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${join(workDir, 'data')}`,
      `--web.listen-address=${target}`,
      // An empty address turns the gossip cluster off: one instance, no port 9094 to collide on.
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    url,
    workDir,
  });
  return { target, url, stop };
}
