import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '..', '..', '..', 'scripts', 'ensure-postgres.sh');

/** A throwaway PostgreSQL cluster on 127.0.0.1 (trust auth), from `scripts/ensure-postgres.sh`. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`. */
  readonly url: string;
  readonly directory: string;
  /** Stop the server, keeping its data (an outage). */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  start(): Promise<void>;
  /** Stop it and delete its data. */
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port was assigned');
  return address.port;
}

/** Installs PostgreSQL when missing (Debian `postgresql`, as root) and starts a cluster in a new temp dir on a free port. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const directory = await mkdtemp(join(tmpdir(), 'groqmeter-ledger-pg-'));
  const port = String(await freePort());
  const start = async (): Promise<string> =>
    (await run('sh', [SCRIPT, 'start', directory, port])).stdout.trim();
  const stop = async (): Promise<void> => {
    await run('sh', [SCRIPT, 'stop', directory]);
  };
  const url = await start();
  return {
    url,
    directory,
    stop,
    start: async () => {
      await start();
    },
    destroy: async () => {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A new empty database on the server, so that test files never see each other's rows. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}
