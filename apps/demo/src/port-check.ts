import { createServer } from 'node:net';

/** A port the demo is about to listen on, and how the user can move it. */
export interface PlannedPort {
  port: number;
  host: string;
  /** What will listen there, e.g. `the exporter's OTLP receiver`. */
  role: string;
  /** The flag that changes it, e.g. `--exporter-otlp-port`. */
  flag: string;
}

/** A port the demo needs is taken; the message names the port, its role and the flag to change it. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/**
 * Checks that every planned port can be listened on, so the demo fails before starting anything
 * with a message naming the busy port and the flag that moves it.
 *
 * @throws PortInUseError for the first port that is taken or not permitted.
 */
export async function ensurePortsFree(ports: readonly PlannedPort[]): Promise<void> {
  for (const planned of ports) {
    const problem = await tryListen(planned.port, planned.host);
    if (problem !== undefined) {
      throw new PortInUseError(
        `port ${planned.port} on ${planned.host} (${planned.role}) is ${problem}. ` +
          `Stop whatever holds it (see: lsof -i :${planned.port}) or choose another with ${planned.flag} <port>.`,
      );
    }
  }
}

function tryListen(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'EACCES' ? 'not permitted for this user' : 'already in use');
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(undefined));
    });
  });
}
