import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (Prometheus and Alertmanager cannot report the port they picked for `:0`). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Stops a child process: SIGTERM, then SIGKILL after 10 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}

/** What {@link startReadyProcess} starts. */
export interface ReadyProcessOptions {
  /** Named in the errors ("Prometheus exited with 1: ..."). */
  name: string;
  binary: string;
  args: string[];
  /** The server's base URL; it is ready when `GET {url}/-/ready` answers 2xx (Prometheus and Alertmanager alike). */
  url: string;
  /** The process's throw-away directory, removed when it stops. */
  workDir: string;
}

/**
 * Starts a Prometheus-family server and waits (at most 30 s) until its `/-/ready` answers; when it
 * exits or is not ready in time, stops it, removes its directory and throws with the tail of its
 * stderr. Resolves to the function that stops it and removes its directory.
 */
export async function startReadyProcess(options: ReadyProcessOptions): Promise<() => Promise<void>> {
  const child = spawn(options.binary, options.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const log: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => log.push(chunk));
  const stop = async () => {
    await stopChild(child);
    await rm(options.workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${options.name} exited with ${child.exitCode}: ${log.join('').slice(-2000)}`);
    }
    const ready = await fetch(`${options.url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return stop;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} was not ready after 30 s: ${log.join('').slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
