import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench package folder: child processes run from here so that `--import tsx` resolves. */
export const BENCH_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A benchmark script running in its own Node process (`--expose-gc`, TypeScript through tsx),
 * talking over IPC. Patching instrumentations are global to a process, so every contender that
 * patches gets a process of its own.
 */
export class BenchProcess {
  private readonly child: ChildProcess;
  private readonly inbox: unknown[] = [];
  private readonly waiting: Array<{ resolve(message: unknown): void; reject(error: Error): void }> = [];
  private readonly exit: Promise<number | null>;
  private exited = false;

  /** Starts `src/<script>` with `input` as its one argument (JSON). */
  constructor(
    private readonly script: string,
    input: unknown,
  ) {
    this.child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join('src', script), JSON.stringify(input)],
      {
        cwd: BENCH_ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // The peers read these; content capture stays off for every contender (groqmeter's default).
        env: { ...process.env, OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'false' },
      },
    );
    this.child.on('message', (message) => {
      const next = this.waiting.shift();
      if (next) next.resolve(message);
      else this.inbox.push(message);
    });
    this.exit = new Promise((resolve) => {
      this.child.on('exit', (code) => {
        this.exited = true;
        for (const next of this.waiting.splice(0)) {
          next.reject(
            new Error(`${this.script} exited with code ${code} before answering; its stderr above says why.`),
          );
        }
        resolve(code);
      });
    });
  }

  /** The next message the script sent. */
  next<T>(): Promise<T> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued as T);
    if (this.exited)
      return Promise.reject(new Error(`${this.script} has exited; no more messages will come.`));
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve: resolve as (message: unknown) => void, reject });
    });
  }

  /** Sends a request and waits for the answer (the script answers requests in order). */
  async ask<T>(request: unknown): Promise<T> {
    this.child.send(request as object);
    return this.next<T>();
  }

  /** Waits for the script to end on its own; returns its exit code. */
  finished(): Promise<number | null> {
    return this.exit;
  }

  /** Ends the script (a host that serves until told to stop). */
  async stop(): Promise<void> {
    if (!this.exited) this.child.kill('SIGTERM');
    await this.exit;
  }
}

/** The input the parent passed to this script. */
export function scriptInput<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) {
    throw new Error(
      'this benchmark script runs as a child of `pnpm bench`; run `pnpm bench --only <suite>` instead.',
    );
  }
  return JSON.parse(raw) as T;
}

/** Sends a message to the parent and resolves once it is handed to the IPC channel. */
export function sendToParent(message: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('no IPC channel to the parent: run this script through `pnpm bench`.'));
      return;
    }
    process.send(message as object, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Runs a suite script's body and reports its result (or its failure, with the exact error) to the
 * parent, then ends the process: instrumentations leave timers and handles behind.
 */
export async function runSuiteScript(body: () => Promise<unknown>): Promise<void> {
  let exitCode = 0;
  try {
    await sendToParent({ result: await body() });
  } catch (error) {
    exitCode = 1;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await sendToParent({ error: message }).catch(() => undefined);
  }
  process.exit(exitCode);
}

/** What a suite script sends to the parent: its result or its failure. */
export type SuiteMessage<T> = { result: T } | { error: string };
